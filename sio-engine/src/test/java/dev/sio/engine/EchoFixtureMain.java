package dev.sio.engine;

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
    System.out.println(
        "Engine.IO echo fixture on http://127.0.0.1:" + listener.port() + "/engine.io/");
    Thread.currentThread().join();
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
