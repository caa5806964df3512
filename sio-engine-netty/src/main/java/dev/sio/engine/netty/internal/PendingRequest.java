package dev.sio.engine.netty.internal;

import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.spi.BodyAdmission;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * One request of a connection from its head until it is dispatched: its exchange, the endpoint it
 * is for ({@code null} for routes and 404s) and, while it is read, its bounded body. An endpoint's
 * admitted POST collects its body up to {@code maxHttpBufferSize} and holds its session's {@link
 * BodyAdmission} claim until the last chunk; any other request may carry at most {@value
 * #MAX_IGNORED_BODY} bytes, read and dropped. {@link HttpConnectionHandler} makes one per request
 * (and queues it while it waits to be answered). Confined to the connection's event loop.
 */
final class PendingRequest {
  /**
   * The most body a request other than an endpoint's POST may carry (read and dropped); a larger
   * one, declared or sent, gets {@code 413} and the connection closes.
   */
  static final int MAX_IGNORED_BODY = 4096;

  private final NettyPollExchange ex;
  private final EngineEndpoint endpoint;
  private CompositeByteBuf body; // loop: the admitted POST's body so far, else null
  private long ignoredBytes; // loop: body bytes that are dropped (no admitted POST)
  private BodyAdmission admission; // loop: the admitted POST's claim (its session), else null

  /**
   * A request for {@code endpoint} ({@code null}: a route's or nobody's) answered through {@code
   * ex}.
   */
  PendingRequest(NettyPollExchange ex, EngineEndpoint endpoint) {
    this.ex = ex;
    this.endpoint = endpoint;
  }

  /** The exchange the request is answered through. */
  NettyPollExchange ex() {
    return ex;
  }

  /** The endpoint whose path prefixes the request's URI, or {@code null}. */
  EngineEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The endpoint admitted the body of this POST: it is collected, {@code claim} held until read.
   */
  void admit(BodyAdmission claim, ByteBufAllocator alloc) {
    admission = claim;
    body = alloc.compositeBuffer();
  }

  /**
   * Adds {@code chunk} of the body (retained when it is kept): {@code false} when the body goes
   * over its bound ({@code maxHttpBufferSize} for an admitted POST, else {@value
   * #MAX_IGNORED_BODY}).
   */
  boolean add(ByteBuf chunk) {
    if (body == null) {
      ignoredBytes += chunk.readableBytes();
      return ignoredBytes <= MAX_IGNORED_BODY;
    }
    if (chunk.isReadable()) {
      if (body.readableBytes() + chunk.readableBytes() > endpoint.options().maxHttpBufferSize()) {
        return false;
      }
      body.addComponent(true, chunk.retain());
    }
    return true;
  }

  /** The body is read: an admitted POST's goes to the exchange and its claim is released. */
  void complete() {
    if (body != null) {
      ex.body(body);
      body = null;
    }
    releaseClaim();
  }

  /**
   * The request is dropped before its body was read: what was read is released, and so is the
   * claim, which is returned (for its session to be failed) or {@code null} when there was none.
   */
  BodyAdmission abandon() {
    BodyAdmission claim = admission;
    if (body != null) {
      body.release();
      body = null;
    }
    releaseClaim();
    return claim;
  }

  private void releaseClaim() {
    if (admission != null) {
      admission.release();
      admission = null;
    }
  }
}
