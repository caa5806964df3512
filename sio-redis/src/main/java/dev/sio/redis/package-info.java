/**
 * Redis scale-out for Sio, wire-compatible with the Node.js packages, so Java and Node servers
 * share one cluster.
 *
 * <ul>
 *   <li>{@link dev.sio.redis.RedisAdapterFactory}: the adapters. {@code classic} speaks {@code
 *       createAdapter} of {@code @socket.io/redis-adapter} 8.3, {@code sharded} its {@code
 *       createShardedAdapter}, {@code streams} {@code @socket.io/redis-streams-adapter} 0.3 (with
 *       connection state recovery across servers).
 *   <li>{@link dev.sio.redis.RedisAdapterOptions}: prefix, Redis URI (password, TLS), timeouts.
 *   <li>{@link dev.sio.redis.RedisEmitter}: emits from any process, as {@code
 *       @socket.io/redis-emitter} 5.1.
 * </ul>
 *
 * <pre>{@code
 * RedisAdapterFactory redis = RedisAdapterFactory.classic(RedisAdapterOptions.builder().build());
 * SocketIoServer io = SocketIoServer.create(ServerOptions.builder().port(3000).adapter(redis).build());
 * io.start();
 * io.to("room1").emit("news", "reaches the room on every server");
 * }</pre>
 *
 * <p>Redis outages: the connections reconnect and subscribe again by themselves; meanwhile local
 * traffic flows, publications wait in a bounded offline queue and are sent once Redis is back
 * ({@link dev.sio.redis.RedisAdapterOptions#offlineQueueSize()}), and requests that need the other
 * servers fail with a {@link java.util.concurrent.TimeoutException} whose message starts with
 * {@code "timeout reached"}.
 */
package dev.sio.redis;
