package dev.sio.engine.netty;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import java.net.URI;

/** An Engine.IO endpoint on 127.0.0.1 with an ephemeral port, for behaviour tests. */
final class EngineTestServer implements AutoCloseable {
  final HttpListener listener;
  final EngineServer engine;
  final RecordingHandler handler;

  EngineTestServer(EngineOptions options, boolean echo) {
    this(
        HttpListenerOptions.builder().host("127.0.0.1").eventLoopThreads(2).build(), options, echo);
  }

  EngineTestServer(HttpListenerOptions listenerOptions, EngineOptions options, boolean echo) {
    handler = new RecordingHandler(echo);
    listener = HttpListener.create(listenerOptions);
    engine = EngineServer.attach(listener, options, handler);
    listener.start();
  }

  /** {@code http://127.0.0.1:port} (or https). */
  String base() {
    return (listener.options().tls() ? "https" : "http") + "://127.0.0.1:" + listener.port();
  }

  /** The endpoint URL with {@code query} appended. */
  URI uri(String query) {
    return URI.create(base() + engine.options().path() + "?" + query);
  }

  /** The WebSocket URL with {@code query}. */
  URI wsUri(String query) {
    return URI.create(
        (listener.options().tls() ? "wss" : "ws")
            + "://127.0.0.1:"
            + listener.port()
            + engine.options().path()
            + "?"
            + query);
  }

  @Override
  public void close() {
    listener.close();
  }
}
