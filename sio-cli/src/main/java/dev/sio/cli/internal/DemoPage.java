package dev.sio.cli.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the chat page ({@code /}, {@code /chat.css}, {@code /chat.js}) from the classpath, read
 * once at start; any other path goes on to the next route or endpoint.
 */
public final class DemoPage implements HttpRoute {
  private static final String BASE = "/dev/sio/cli/demo/";

  private final Map<String, HttpReply> files;

  /** Reads the page's files from the classpath. */
  public DemoPage() {
    HttpReply index = file("index.html", "text/html; charset=utf-8");
    files =
        Map.of(
            "/",
            index,
            "/index.html",
            index,
            "/chat.css",
            file("chat.css", "text/css; charset=utf-8"),
            "/chat.js",
            file("chat.js", "text/javascript; charset=utf-8"));
  }

  @Override
  public HttpReply handle(HttpRequestInfo request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return null;
    }
    return files.get(request.path());
  }

  private static HttpReply file(String name, String contentType) {
    try (InputStream in = DemoPage.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BASE + name);
      }
      return new HttpReply(
          200, Map.of("content-type", contentType, "cache-control", "no-cache"), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
