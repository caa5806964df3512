package dev.sio.servlet.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.internal.HttpAnswer;
import dev.sio.engine.internal.Utf8;
import dev.sio.engine.spi.ResponseHeaders;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Writes an answer on the container thread that holds the request: refusals at once (small bodies,
 * which the container buffers), routes' replies at once or, past the response buffer, without
 * blocking.
 */
final class ServletAnswers {
  private ServletAnswers() {}

  static void write(HttpServletResponse response, HttpAnswer a) throws IOException {
    byte[] body =
        a.bytes() != null ? a.bytes() : a.text() == null ? new byte[0] : Utf8.encode(a.text());
    write(response, a.status(), a.headers(), body, false);
  }

  static void write(
      HttpServletResponse response, int status, ResponseHeaders headers, byte[] body, boolean close)
      throws IOException {
    response.setStatus(status);
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (!"Content-Length".equalsIgnoreCase(name)) {
              response.addHeader(name, value);
            }
          });
    }
    if (close) {
      response.setHeader("Connection", "close");
    }
    response.setContentLength(body.length);
    if (body.length > 0) {
      response.getOutputStream().write(body);
    }
    response.flushBuffer();
  }

  /**
   * A route's reply, as is (no compression in this binding): at once when it fits the response
   * buffer (sent as the request completes), else without blocking ({@link AsyncReplyWriter}).
   */
  static void write(HttpServletRequest request, HttpServletResponse response, HttpReply reply)
      throws IOException {
    response.setStatus(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      if (!"content-length".equalsIgnoreCase(h.getKey())) {
        response.setHeader(h.getKey(), h.getValue());
      }
    }
    response.setContentLength(reply.body().length);
    if (reply.body().length <= response.getBufferSize()) {
      response.getOutputStream().write(reply.body());
      return;
    }
    AsyncContext async = request.startAsync();
    AsyncReplyWriter.start(async, response.getOutputStream(), reply.body());
  }
}
