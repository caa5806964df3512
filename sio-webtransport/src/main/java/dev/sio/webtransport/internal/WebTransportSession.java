package dev.sio.webtransport.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.EnginePort;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted WebTransport session (its CONNECT stream answered 200) and its one Engine.IO stream:
 * the deadline for the stream's first packet ({@code upgradeTimeout}, Node's), the server's close
 * (a {@code CLOSE_WEBTRANSPORT_SESSION} capsule and FIN on the CONNECT stream, FIN on the Engine.IO
 * stream, then the QUIC connection's close after the client's FIN or {@code closeTimeout}) and the
 * client's. Every field and method: the connection's event loop.
 */
final class WebTransportSession {
  private static final Logger log = LoggerFactory.getLogger(WebTransportSession.class);

  private final WebTransportConnection connection;
  private final QuicStreamChannel connect;
  private final HttpRequestInfo request;
  private final EnginePort port;
  private EngineStreamHandler stream; // the loop: the Engine.IO stream, null before it came
  private ScheduledFuture<?> timer; // the loop: first packet, then the close's deadline
  private boolean closing; // the loop: the server's close capsule and FIN are on their way
  private boolean ended; // the loop: both sides are done
  private boolean serverClosed; // the loop: close() started it

  WebTransportSession(
      WebTransportConnection connection,
      QuicStreamChannel connect,
      HttpRequestInfo request,
      EnginePort port) {
    this.connection = connection;
    this.connect = connect;
    this.request = request;
    this.port = port;
  }

  /** {@return the session id: its CONNECT stream's id} */
  long id() {
    return connect.streamId();
  }

  HttpRequestInfo request() {
    return request;
  }

  EnginePort port() {
    return port;
  }

  WebTransportConnection connection() {
    return connection;
  }

  /** The 200 is on its way: the first packet must come within {@code upgradeTimeout}. */
  void accepted() {
    long timeout = port.options().upgradeTimeoutMillis();
    timer =
        connect
            .eventLoop()
            .schedule(
                () -> {
                  log.debug("WebTransport session {}: no handshake within {} ms", id(), timeout);
                  close();
                },
                timeout,
                TimeUnit.MILLISECONDS);
  }

  /**
   * A bidirectional stream names this session.
   *
   * @return false when the session has its stream already or is closing (the stream is refused)
   */
  boolean attach(EngineStreamHandler handler) {
    if (stream != null || closing || ended) {
      return false;
    }
    stream = handler;
    return true;
  }

  /** The stream's first packet arrived: Node clears the handshake timer then. */
  void firstPacketRead() {
    cancelTimer();
  }

  /** The server closes the session (Node's {@code session.close()}). Idempotent. */
  void close() {
    if (closing || ended) {
      return;
    }
    closing = true;
    serverClosed = true;
    cancelTimer();
    if (connect.isActive()) {
      ByteBuf capsule = connect.alloc().buffer(6);
      WebTransportProtocol.writeVarint(capsule, WebTransportProtocol.CLOSE_WEBTRANSPORT_SESSION);
      WebTransportProtocol.writeVarint(capsule, 4);
      capsule.writeInt(0); // code 0, no reason
      connect
          .writeAndFlush(new DefaultHttp3DataFrame(capsule))
          .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
    }
    if (stream != null) {
      stream.finish();
    }
    timer =
        connect
            .eventLoop()
            .schedule(
                () -> end(true), connection.config().closeTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The client closed the session (a close capsule or FIN on the CONNECT stream), or the stream or
   * connection went away: answered with FIN, and the Engine.IO session hears "transport close".
   */
  void onPeerClosed() {
    if (ended) {
      return;
    }
    if (!closing) {
      closing = true;
      // Later, not inside the read: Netty's QUIC sends nothing it is given while the connection
      // runs its read-complete queue, and the FIN then waits for the next event (seen in ~1 of 4
      // runs of the client-close test).
      connect.eventLoop().execute(this::answerFin);
      if (stream != null) {
        stream.finish();
      }
    }
    end(serverClosed); // after a client's close, the client closes the connection (Chromium)
  }

  private void answerFin() {
    if (connect.isActive() && !connect.isOutputShutdown()) {
      connect.shutdownOutput();
    }
  }

  /** Cuts the session: the stream reset, the QUIC connection closed. */
  void abort() {
    if (stream != null) {
      stream.reset();
    }
    end(true);
    if (connection.quic().isActive()) {
      connection.quic().close();
    }
  }

  private void end(boolean closeConnection) {
    if (ended) {
      return;
    }
    ended = true;
    closing = true;
    cancelTimer();
    if (stream != null) {
      stream.notifyClosed();
    }
    connection.remove(this, closeConnection);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
