/**
 * The Socket.IO v5 server: {@link dev.sio.server.SocketIoServer}, namespaces, sockets, rooms, the
 * immutable {@link dev.sio.server.BroadcastOperator}, acknowledgements as {@code
 * CompletableFuture}s, middlewares, connection state recovery, and the {@link
 * dev.sio.server.Adapter} interface with its in-memory implementation.
 *
 * <p>Handlers of a socket run on its Engine.IO session's event loop, in order; see {@code
 * docs/CONCURRENCY.md}.
 */
package dev.sio.server;
