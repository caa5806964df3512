package dev.sio.engine;

import java.util.concurrent.Executor;

/**
 * One Engine.IO session, seen from the layer above. Sends are queued in order and flushed by the
 * transport (batched in one polling response, or written as WebSocket frames). Every method may be
 * called from any thread; calls from {@link #executor()} take no hop and no lock.
 */
public interface EngineSocket {
  /** {@return the session id ({@code sid}): 20 url-safe base64 characters} */
  String id();

  /**
   * {@return the Engine.IO protocol revision of the session: 4, or 3 for an Engine.IO v3 client (a
   * Socket.IO v2 client, served when {@link EngineOptions#allowEIO3()} is on)} The default answers
   * 4.
   */
  default int protocol() {
    return 4;
  }

  /** {@return the request that opened the session} */
  EngineHandshake handshake();

  /**
   * {@return the HTTP request that brought the session's latest data: while a message is being
   * handled, the polling POST that carried it, or the WebSocket upgrade request once upgraded;
   * before either, the handshake (method {@code GET})} Node's {@code socket.request} is the
   * handshake, its {@code socket.transport.dataReq} the POST; this is the one that carries the
   * cookies and headers of now. Meant for the session's {@link #executor()} (handler calls); from
   * another thread it may lag. The default is the handshake's.
   */
  default HttpRequestInfo request() {
    EngineHandshake h = handshake();
    String uri = h.url();
    int q = uri.indexOf('?');
    String path =
        java.net.URLDecoder.decode(
            q < 0 ? uri : uri.substring(0, q), java.nio.charset.StandardCharsets.UTF_8);
    return new HttpRequestInfo(
        "GET", uri, path, h.headers(), h.query(), h.remoteAddress(), h.secure());
  }

  /** {@return the current transport: {@code "polling"} or {@code "websocket"}} */
  String transport();

  /** {@return true until the session closes} */
  boolean isOpen();

  /**
   * {@return whether a message sent now would be written at once (Node's {@code
   * transport.writable}): the session is open, nothing is queued before it, and its transport can
   * write right now} Over polling, a GET is pending and no response is being written; over
   * WebSocket, no frame is waiting in the connection (queued, unflushed or not yet written) and the
   * connection takes writes. Layers above drop volatile packets when this is false. Any thread;
   * from a thread other than {@link #executor()} the answer is a snapshot that the session's loop
   * may change at any moment. The default answers {@link #isOpen()}.
   */
  default boolean writable() {
    return isOpen();
  }

  /**
   * {@return bytes queued for this session and not yet written to its socket: its write buffer plus
   * its connection's outbound buffer (a shared broadcast frame counts its frame size)} Cheap, any
   * thread; from a thread other than {@link #executor()} a snapshot. Past {@link
   * EngineOptions#maxBufferedBytes()} the session is closed with {@code "transport error"}. The
   * default answers 0.
   */
  default long bufferedBytes() {
    return 0;
  }

  /**
   * Queues a text message. Dropped silently once the session is closed.
   *
   * @param text the text
   */
  void send(String text);

  /**
   * Writes a text message at once, if it can go out right now: called on {@link #executor()}, with
   * nothing queued before it, over a WebSocket that takes writes. The characters are read during
   * the call only (they are encoded straight into the frame), so a caller may pass a reused buffer.
   * Returns {@code false}, sending nothing, otherwise; then send it with {@link #send(String)}. The
   * default returns {@code false}.
   *
   * @param text the text
   * @return whether the message was written
   */
  default boolean sendNow(CharSequence text) {
    return false;
  }

  /**
   * Queues a binary message. Dropped silently once the session is closed.
   *
   * @param data the data
   */
  void send(byte[] data);

  /**
   * Queues a message prepared once for many sessions (a broadcast): its encodings are made once and
   * shared, not copied per session.
   *
   * @param message the message
   */
  void send(EngineMessage message);

  /** Closes the session from the server's side; the handler sees reason {@code "forced close"}. */
  void close();

  /**
   * {@return the single thread that owns this session, which never changes for the life of the
   * session, including across an upgrade to WebSocket} Every {@link EngineHandler} call for the
   * session runs on it. The engine's sessions return a {@link dev.sio.engine.spi.SessionExecutor}
   * (a {@code ScheduledExecutorService} that knows its own thread: {@code inExecutor()}); on Netty
   * it is the session's event loop itself, also an {@code io.netty.channel.EventLoop}. Other
   * implementations may return any executor that runs tasks one at a time.
   */
  Executor executor();
}
