package dev.sio.server;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.server.internal.ConformanceFixture;
import java.time.Duration;

/**
 * The server of the official test suites on 127.0.0.1:3000 (port from the first argument):
 * Socket.IO at {@code /socket.io/} ({@link ConformanceFixture}) and an Engine.IO echo at {@code
 * /engine.io/}, both with pingInterval 300 ms, pingTimeout 200 ms, maxPayload 1 MB. Runs until
 * killed.
 */
public final class FixtureMain {
  private FixtureMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    HttpListener listener =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .port(port)
                // One event loop, like Node's single thread: requests are handled in arrival
                // order (the suite races a GET against a POST "1" and expects the GET first).
                .eventLoopThreads(1)
                .build());
    ConformanceFixture.attach(listener);
    EngineServer.attach(
        listener,
        EngineOptions.builder()
            .path("/engine.io/")
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(200))
            .maxHttpBufferSize(1_000_000)
            .build(),
        new EngineHandler() {
          @Override
          public void onOpen(EngineSocket socket) {}

          @Override
          public void onMessage(EngineSocket socket, String text) {
            socket.send(text);
          }

          @Override
          public void onBinary(EngineSocket socket, byte[] data) {
            socket.send(data);
          }

          @Override
          public void onClose(EngineSocket socket, String reason, String description) {}
        });
    listener.start();
    System.out.println("fixture listening on 127.0.0.1:" + listener.port());
    Runtime.getRuntime().addShutdownHook(new Thread(listener::close));
    Thread.currentThread().join();
  }
}
