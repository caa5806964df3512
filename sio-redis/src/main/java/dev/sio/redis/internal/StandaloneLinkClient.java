package dev.sio.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One Redis server, or the master its sentinels name. */
final class StandaloneLinkClient implements LinkClient {
  private final RedisClient client;
  private final LinkSettings settings;

  private StandaloneLinkClient(RedisClient client, LinkSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  static StandaloneLinkClient open(LinkSettings settings) {
    ClientResources resources =
        DefaultClientResources.builder().reconnectDelay(settings.delay()).build();
    RedisClient client = RedisClient.create(resources, settings.uri());
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(settings.socketOptions())
            .timeoutOptions(settings.timeoutOptions())
            .build());
    return new StandaloneLinkClient(client, settings);
  }

  @Override
  public AbstractRedisClient client() {
    return client;
  }

  @Override
  public CompletableFuture<LinkConnection> connect() {
    return client
        .connectAsync(ByteArrayCodec.INSTANCE, settings.uri())
        .toCompletableFuture()
        .thenApply(c -> new LinkConnection(c, c.async()));
  }

  @Override
  public CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> connectPubSub() {
    return client.connectPubSubAsync(ByteArrayCodec.INSTANCE, settings.uri()).toCompletableFuture();
  }

  @Override
  public CompletableFuture<Long> countSubscribers(
      LinkConnection connection, byte[] channel, boolean sharded) {
    var f =
        sharded
            ? connection.async().pubsubShardNumsub(channel)
            : connection.async().pubsubNumsub(channel);
    return f.toCompletableFuture().thenApply(StandaloneLinkClient::sum);
  }

  static long sum(Map<byte[], Long> counts) {
    long n = 0;
    for (Long v : counts.values()) {
      n += v == null ? 0 : v;
    }
    return n;
  }

  @Override
  public boolean nodesUp() {
    return true;
  }

  @Override
  public boolean isCluster() {
    return false;
  }
}
