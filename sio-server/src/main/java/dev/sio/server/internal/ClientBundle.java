package dev.sio.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the official browser client (npm {@code socket.io-client}'s {@code dist/}, copied into the
 * jar at build time) under the server path, as Node's {@code serveClient}: {@code socket.io.js},
 * {@code .min.js}, {@code .msgpack.min.js}, {@code .esm.min.js} and their {@code .map}s, with the
 * client version as ETag (304 on {@code If-None-Match}). The listener compresses (gzip or deflate
 * when accepted) once per file and writes each response from shared bytes, where Node compresses
 * per request.
 */
public final class ClientBundle implements HttpRoute {
  private static final String RESOURCES = "/dev/sio/server/client-dist/";
  private static final Set<String> FILES =
      Set.of(
          "socket.io.esm.min.js",
          "socket.io.esm.min.js.map",
          "socket.io.js",
          "socket.io.js.map",
          "socket.io.min.js",
          "socket.io.min.js.map",
          "socket.io.msgpack.min.js",
          "socket.io.msgpack.min.js.map");

  private final String path; // the server path without its trailing slash
  private final String etag;
  // Any event loop: file bodies by file name, loaded on first use.
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** Serves the bundle under {@code path} (for example {@code "/socket.io/"}). */
  public ClientBundle(String path) {
    this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.etag = "\"" + version() + "\"";
  }

  /** The version of the bundled client, from its package.json. */
  public static String version() {
    try (InputStream in = ClientBundle.class.getResourceAsStream(RESOURCES + "package.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "the socket.io-client bundle is missing from the classpath (" + RESOURCES + ")");
      }
      return new ObjectMapper().readTree(in).path("version").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public HttpReply handle(HttpRequestInfo request) {
    String uri = request.uri();
    if (!uri.startsWith(path + "/")) {
      return null;
    }
    String filename = uri.substring(path.length() + 1);
    int query = filename.indexOf('?');
    if (query >= 0) {
      filename = filename.substring(0, query);
    }
    if (!FILES.contains(filename)) {
      return null;
    }
    String ifNoneMatch = request.header("if-none-match");
    if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("W/" + etag))) {
      return new HttpReply(304, Map.of(), new byte[0]);
    }
    boolean isMap = filename.endsWith(".map");
    Map<String, String> headers =
        Map.of(
            "cache-control",
            "public, max-age=0",
            "content-type",
            "application/" + (isMap ? "json" : "javascript") + "; charset=utf-8",
            "etag",
            etag);
    // the same array every time: the listener makes its gzip/deflate forms once, in shared buffers
    return new HttpReply(200, headers, cache.computeIfAbsent(filename, ClientBundle::load));
  }

  private static byte[] load(String filename) {
    try (InputStream in = ClientBundle.class.getResourceAsStream(RESOURCES + filename)) {
      if (in == null) {
        throw new IllegalStateException("missing client file " + RESOURCES + filename);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
