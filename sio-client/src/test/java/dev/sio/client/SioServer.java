package dev.sio.client;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.net.URI;
import java.util.function.UnaryOperator;

/** Sio's own server on 127.0.0.1 (port 0 unless given), for the client's feature suites. */
final class SioServer implements AutoCloseable {
  final SocketIoServer io;
  final EngineServer engine;

  private SioServer(SocketIoServer io, EngineServer engine) {
    this.io = io;
    this.engine = engine;
  }

  static SioServer start() {
    return start(0, b -> b, b -> b);
  }

  static SioServer start(
      int port,
      UnaryOperator<ServerOptions.Builder> server,
      UnaryOperator<EngineOptions.Builder> engine) {
    SocketIoServer io = SocketIoServer.detached(server.apply(ServerOptions.builder()).build());
    EngineServer eio =
        HttpListener.listen(
            HttpListenerOptions.builder().host("127.0.0.1").port(port).eventLoopThreads(1).build(),
            engine.apply(EngineOptions.builder().path("/socket.io/")).build(),
            io.engineHandler());
    return new SioServer(io, eio);
  }

  int port() {
    return ((HttpListener) engine.host()).port();
  }

  URI uri(String namespace) {
    return URI.create("http://127.0.0.1:" + port() + namespace);
  }

  @Override
  public void close() {
    engine.close();
    io.close();
  }
}
