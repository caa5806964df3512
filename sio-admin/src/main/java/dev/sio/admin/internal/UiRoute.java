package dev.sio.admin.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.HttpRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the admin UI (npm {@code @socket.io/admin-ui}'s {@code ui/dist}, copied into the jar at
 * build time) under a path such as {@code /admin/}, with the {@code @mdi/font} icons it links from
 * a CDN served locally instead, so that it works with no internet access. {@code index.html} is
 * rewritten for that (the icon stylesheet points to {@code mdi/}, the Google font link is dropped:
 * the UI then uses the browser's sans-serif). Only files of the jar's {@code ui/} folder are
 * served; gzip when accepted.
 */
public final class UiRoute implements HttpRoute {
  private static final String RESOURCES = "/dev/sio/admin/ui/";
  private static final Pattern SAFE =
      Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*)*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "application/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "png", "image/png",
          "svg", "image/svg+xml",
          "woff2", "font/woff2",
          "woff", "font/woff",
          "ttf", "font/ttf",
          "eot", "application/vnd.ms-fontobject");

  private final String path; // for example "/admin/"
  // Any event loop: bodies by "file|encoding", or empty for a file that is not there. Bounded by
  // the files of the jar's ui/ folder times two encodings (the name pattern keeps others out).
  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  /** Serves the UI under {@code path}, which starts and ends with {@code /}. */
  public UiRoute(String path) {
    this.path = path;
  }

  /** True when the UI's files are on the classpath (the build copied them). */
  public static boolean available() {
    return UiRoute.class.getResource(RESOURCES + "index.html") != null;
  }

  @Override
  public HttpReply handle(HttpRequestInfo request) {
    String requestPath = request.path();
    if (requestPath.equals(path.substring(0, path.length() - 1))) {
      return new HttpReply(301, Map.of("location", path), new byte[0]);
    }
    if (!requestPath.startsWith(path)) {
      return null;
    }
    String file = requestPath.substring(path.length());
    if (file.isEmpty()) {
      file = "index.html";
    }
    if (file.contains("..") || !SAFE.matcher(file).matches()) {
      return null;
    }
    int dot = file.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
    if (type == null) {
      return null;
    }
    boolean gzip = type.contains("charset") && acceptsGzip(request.header("accept-encoding"));
    String name = file;
    Optional<byte[]> body = cache.computeIfAbsent(name + "|" + gzip, k -> load(name, gzip));
    if (body.isEmpty()) {
      return null;
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", type);
    headers.put("cache-control", name.equals("index.html") ? "no-cache" : "public, max-age=3600");
    headers.put("x-content-type-options", "nosniff");
    if (gzip) {
      headers.put("content-encoding", "gzip");
    }
    return new HttpReply(200, headers, body.get());
  }

  private static boolean acceptsGzip(String header) {
    return header != null && header.toLowerCase(java.util.Locale.ROOT).contains("gzip");
  }

  private static Optional<byte[]> load(String file, boolean gzip) {
    byte[] raw;
    try (InputStream in = UiRoute.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        return Optional.empty();
      }
      raw = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (file.equals("index.html")) {
      raw = offline(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
    if (!gzip) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3);
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(out.toByteArray());
  }

  /** {@code index.html} without links to the internet. */
  static String offline(String html) {
    return html.replaceAll(
            "<link rel=\"?stylesheet\"? href=\"?https://fonts\\.googleapis\\.com/[^>]*>", "")
        .replaceAll(
            "https://cdn\\.jsdelivr\\.net/npm/@mdi/font@[^/]+/css/materialdesignicons\\.min\\.css",
            "mdi/css/materialdesignicons.min.css");
  }
}
