package dev.sio.engine.netty;

import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.EngineSocket;
import java.time.Duration;

/**
 * The Engine.IO echo server the official protocol suite expects: {@code /engine.io/} on
 * 127.0.0.1:3000 (or the port in the first argument), pingInterval 300 ms, pingTimeout 200 ms,
 * maxPayload 1000000, CORS {@code *}; every message comes straight back, text as text and binary as
 * binary.
 *
 * <p>Arguments: {@code [port [eventLoopThreads]]}, default {@code 3000 1}. One event loop, like
 * Node's single thread, keeps the order in which two requests sent at the same instant on two
 * connections are handled (the suite's "forcefully closes the session" test sends a GET and a POST
 * together and expects the GET to be seen first; with several loops either may win).
 */
public final class EchoFixtureMain {
  private EchoFixtureMain() {}

  /** Starts the fixture; runs until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    HttpListener listener =
        HttpListener.create(
            HttpListenerOptions.builder()
                .host("127.0.0.1")
                .port(port)
                .eventLoopThreads(threads)
                .build());
    EngineServer.attach(listener, echoOptions(), new EchoHandler());
    listener.start();
    Runtime.getRuntime().addShutdownHook(new Thread(listener::close, "echo-fixture-shutdown"));
    if (!Boolean.getBoolean("sio.fixture.noWarmUp")) {
      warmUp(listener.port());
      Thread.sleep(2000); // let the JIT compilers finish before the suite's timing-sensitive tests
    }
    System.out.println(
        "Engine.IO echo fixture on http://127.0.0.1:" + listener.port() + "/engine.io/");
    Thread.currentThread().join();
  }

  /**
   * Exercises the server for a moment before it is announced, so that the suite does not race a
   * cold JVM (whose JIT threads would also slow the test client on a small machine).
   */
  static void warmUp(int port) {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    String base = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=";
    try {
      for (int i = 0; i < 200; i++) {
        String open =
            http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "polling"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        java.net.URI session = java.net.URI.create(base + "polling&sid=" + open.substring(9, 29));
        http.send(
            java.net.http.HttpRequest.newBuilder(session)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("4warm\u001ebAQID\u001e1"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      }
      for (int i = 0; i < 50; i++) {
        java.util.concurrent.CompletableFuture<Void> echoed =
            new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws =
            http.newWebSocketBuilder()
                .buildAsync(
                    java.net.URI.create(
                        "ws://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=websocket"),
                    new java.net.http.WebSocket.Listener() {
                      @Override
                      public java.util.concurrent.CompletionStage<?> onText(
                          java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                        if (data.toString().startsWith("4")) {
                          echoed.complete(null);
                        }
                        webSocket.request(1);
                        return null;
                      }
                    })
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText("4warm", true);
        echoed.get(5, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText("1", true);
        ws.abort();
      }
    } catch (Exception e) {
      System.err.println("warm-up failed (the fixture still runs): " + e);
    }
  }

  /** The suite's settings. */
  public static EngineOptions echoOptions() {
    return EngineOptions.builder()
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .maxHttpBufferSize(1_000_000)
        .cors(CorsOptions.anyOrigin())
        .build();
  }

  /** Sends every message back as it came. */
  public static final class EchoHandler implements EngineHandler {
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
  }
}
