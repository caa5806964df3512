package dev.sio.engine.netty.internal;

import dev.sio.engine.internal.HttpAnswer;
import dev.sio.engine.internal.Responses;
import dev.sio.engine.spi.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The Netty side of {@link Responses}: turns the core's {@link HttpAnswer}s and {@link
 * ResponseHeaders} into Netty responses and headers, in the same order. A text body is encoded into
 * a buffer of {@code alloc}, a byte body is wrapped (not copied).
 */
public final class HttpResponses {
  private HttpResponses() {}

  /** {@return {@code answer} as a Netty response} */
  public static FullHttpResponse toNetty(ByteBufAllocator alloc, HttpAnswer answer) {
    return toNetty(alloc, answer.status(), answer.headers(), answer.text(), answer.bytes());
  }

  /**
   * {@return a Netty response with {@code status}, {@code headers} in order, and {@code text}
   * encoded into a buffer of {@code alloc} or {@code bytes} wrapped (neither: empty)}
   */
  public static FullHttpResponse toNetty(
      ByteBufAllocator alloc,
      int status,
      ResponseHeaders headers,
      CharSequence text,
      byte[] bytes) {
    ByteBuf content;
    if (text != null) {
      content = ByteBufUtil.writeUtf8(alloc, text);
    } else if (bytes != null) {
      content = Unpooled.wrappedBuffer(bytes);
    } else {
      content = Unpooled.EMPTY_BUFFER;
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
    copy(headers, r.headers());
    return r;
  }

  /** {@return {@code headers} as Netty headers, in order} */
  public static HttpHeaders toNetty(ResponseHeaders headers) {
    HttpHeaders out = new DefaultHttpHeaders();
    copy(headers, out);
    return out;
  }

  private static void copy(ResponseHeaders from, HttpHeaders to) {
    from.forEach(to::add);
  }

  /** An empty response with {@code status}. */
  public static FullHttpResponse empty(int status) {
    return toNetty(ByteBufAllocator.DEFAULT, Responses.empty(status));
  }

  /** A response with a UTF-8 body. */
  public static FullHttpResponse text(
      ByteBufAllocator alloc, int status, String contentType, CharSequence body) {
    return toNetty(alloc, Responses.text(status, contentType, body));
  }

  /** Node's {@code abortRequest}; see {@link Responses#error(int, String)}. */
  public static FullHttpResponse error(ByteBufAllocator alloc, int code, String message) {
    return toNetty(alloc, Responses.error(code, message));
  }

  /** Node's {@code abortUpgrade}; see {@link Responses#upgradeError(int, String)}. */
  public static FullHttpResponse upgradeError(ByteBufAllocator alloc, int code, String message) {
    return toNetty(alloc, Responses.upgradeError(code, message));
  }

  /** {@code ws}'s {@code abortHandshake}; see {@link Responses#handshakeError(int, String)}. */
  public static FullHttpResponse handshakeError(
      ByteBufAllocator alloc, int status, String message) {
    return toNetty(alloc, Responses.handshakeError(status, message));
  }
}
