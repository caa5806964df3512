package dev.sio.servlet.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.internal.PollingForms;
import dev.sio.engine.internal.Utf8;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.WebSocketInbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@link MessageChannel} of one Jakarta WebSocket {@link Session}: frames go through the
 * session's {@link Outbox} (one asynchronous send in flight), closes through the host's {@link
 * ServletCloser}. Called on the session's {@link ServletLoop}; {@link #isWritable} and {@link
 * #pendingBytes} on any thread.
 */
final class JakartaChannel implements MessageChannel, Outbox.Listener {
  /** Tomcat's user property: the most a blocking write (its close frame) may take. */
  static final String TOMCAT_BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /**
   * The most a Tomcat blocking write on a container thread may wait. Tomcat answers a client's
   * close frame and ping in blocking mode on the thread that runs it, and first waits for the send
   * in flight, whose completion Tomcat hands to the same container pool: with every container
   * thread waiting there (one thread: at once), nothing completes until this runs out (Tomcat's
   * default 20 s, before our closeTimeout of 30 s). That was the stall of a 1-thread Tomcat, and a
   * way for clients that stop reading and then close to hold every container thread.
   */
  static final long BLOCKING_SEND_MILLIS = 100;

  /**
   * The most our own close frame may wait for the send in flight (on {@code sio-servlet-closer},
   * not a container thread); past it Tomcat ends the connection without a close frame.
   */
  static final long CLOSE_BLOCKING_SEND_MILLIS = 1000;

  /** Tomcat's user property: how long a closed session waits for the client's close frame. */
  static final String TOMCAT_SESSION_CLOSE_TIMEOUT =
      "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

  /** How long a session lingers after {@link #abort()} on Jetty (S0: ended 0.5 s after close). */
  private static final long ABORT_IDLE_MILLIS = 500;

  private final Session session;
  private final ServletLoop owner;
  private final SioEndpoint endpoint;
  private final ServletCloser closer;
  private final long closeTimeoutMillis;
  private final Outbox outbox;
  private WebSocketInbound inbound; // owner: set once openWebSocket returned
  private boolean closing; // owner: close or abort was asked

  JakartaChannel(
      Session session,
      ServletLoop owner,
      SioEndpoint endpoint,
      ServletCloser closer,
      long closeTimeoutMillis,
      long highWaterMark,
      long lowWaterMark) {
    this.session = session;
    this.owner = owner;
    this.endpoint = endpoint;
    this.closer = closer;
    this.closeTimeoutMillis = closeTimeoutMillis;
    this.outbox = new Outbox(this::send, owner, this, highWaterMark, lowWaterMark);
  }

  /** The session's inbound, on the owner. */
  void inbound(WebSocketInbound inbound) {
    this.inbound = inbound;
  }

  /** The connection ended (the container's {@code onClose} or {@code onError}): nothing more. */
  void ended() {
    outbox.terminate();
  }

  private void send(Object frame, Consumer<Throwable> done) {
    if (frame instanceof String text) {
      session
          .getAsyncRemote()
          .sendText(text, r -> done.accept(r.isOK() ? null : failure(r.getException())));
    } else {
      session
          .getAsyncRemote()
          .sendBinary(
              ByteBuffer.wrap((byte[]) frame),
              r -> done.accept(r.isOK() ? null : failure(r.getException())));
    }
  }

  private static Throwable failure(Throwable t) {
    return t == null ? new IOException("send failed") : t;
  }

  @Override
  public void writeText(char type, CharSequence data) {
    String frame =
        data == null || data.length() == 0
            ? String.valueOf(type)
            : new StringBuilder(data.length() + 1).append(type).append(data).toString();
    outbox.add(frame, Utf8.length(frame));
  }

  @Override
  public void writeBinary(byte[] data) {
    outbox.add(data, data.length);
  }

  /** Text: the message's one shared {@code 4…} string; the container encodes it per recipient. */
  @Override
  public void writeMessage(EngineMessage message) {
    if (message.isBinary()) {
      byte[] data = message.binary();
      outbox.add(data, data.length);
    } else {
      String frame = PollingForms.of(message).pollingText();
      outbox.add(frame, Utf8.length(frame));
    }
  }

  @Override
  public void flush() {
    outbox.flush();
  }

  @Override
  public boolean isWritable() {
    return session.isOpen() && outbox.isWritable();
  }

  @Override
  public long pendingBytes() {
    return outbox.pendingBytes();
  }

  @Override
  public void whenWritten(Runnable task) {
    outbox.whenWritten(task);
  }

  @Override
  public void startReading() {
    endpoint.startReading();
  }

  /**
   * A close frame with {@code code} (1000 for none: Jakarta cannot send a close frame without a
   * code), on the closer thread; {@link #abort()} after {@code closeTimeout} if the connection is
   * still open.
   */
  @Override
  public void close(int code) {
    if (closing) {
      return;
    }
    closing = true;
    int c = code < 0 ? CloseReason.CloseCodes.NORMAL_CLOSURE.getCode() : code;
    Outbox box = outbox;
    closer.run(
        () -> {
          try {
            close(session, CloseReason.CloseCodes.getCloseCode(c), closeTimeoutMillis);
          } catch (IOException | RuntimeException e) {
            box.terminate();
          }
        });
    ScheduledFuture<?> deadline =
        owner.schedule(this::cut, closeTimeoutMillis, TimeUnit.MILLISECONDS);
    endpoint.onEnd(() -> deadline.cancel(false));
  }

  /**
   * Drops the queue and ends the connection: Jetty closes it a short idle timeout after the close
   * frame; Tomcat has no reset either, so the close is all it gets.
   */
  @Override
  public void abort() {
    closing = true;
    cut();
  }

  private void cut() {
    outbox.terminate();
    closer.run(
        () -> {
          if (!session.isOpen()) {
            return;
          }
          try {
            session.setMaxIdleTimeout(ABORT_IDLE_MILLIS);
            close(session, CloseReason.CloseCodes.GOING_AWAY, closeTimeoutMillis);
          } catch (IOException | RuntimeException e) {
            // already gone
          }
        });
  }

  @Override
  public void onWritabilityChanged() {
    WebSocketInbound in = inbound;
    if (in != null) {
      in.onWritabilityChanged();
    }
  }

  @Override
  public void onSendFailed(Throwable cause) {
    WebSocketInbound in = inbound;
    if (in != null && !closing) {
      in.onProtocolError(cause.toString());
    }
    abort();
  }

  /**
   * Closes {@code session} with {@code code} on the closer thread: its close frame may wait up to
   * {@link #CLOSE_BLOCKING_SEND_MILLIS} (at most {@code closeTimeoutMillis}) for the send in
   * flight.
   */
  static void close(Session session, CloseReason.CloseCode code, long closeTimeoutMillis)
      throws IOException {
    session
        .getUserProperties()
        .put(
            TOMCAT_BLOCKING_SEND_TIMEOUT, Math.min(closeTimeoutMillis, CLOSE_BLOCKING_SEND_MILLIS));
    session.close(new CloseReason(code, ""));
  }
}
