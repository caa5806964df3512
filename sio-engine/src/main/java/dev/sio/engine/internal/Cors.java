package dev.sio.engine.internal;

import dev.sio.engine.CorsOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.ResponseHeaders;

/** Applies {@link CorsOptions} to responses with the npm {@code cors} package's rules. */
public final class Cors {
  private Cors() {}

  /** True when {@code request} is a preflight the CORS layer answers itself. */
  public static boolean isPreflight(HttpRequestInfo request) {
    return "OPTIONS".equals(request.method());
  }

  /** Adds the headers of an actual (non-preflight) request's response. */
  public static void applyActual(CorsOptions cors, HttpRequestInfo request, ResponseHeaders out) {
    applyOrigin(cors, request, out);
    applyCredentials(cors, out);
    if (cors.exposedHeaders() != null && !cors.exposedHeaders().isEmpty()) {
      out.set("Access-Control-Expose-Headers", cors.exposedHeaders());
    }
  }

  /** Adds the headers of a preflight answer (status 204, empty body). */
  public static void applyPreflight(
      CorsOptions cors, HttpRequestInfo request, ResponseHeaders out) {
    applyOrigin(cors, request, out);
    applyCredentials(cors, out);
    out.set("Access-Control-Allow-Methods", cors.methods());
    String allowed = cors.allowedHeaders();
    if (allowed == null) {
      allowed = request.header("access-control-request-headers");
      addVary(out, "Access-Control-Request-Headers");
    }
    if (allowed != null && !allowed.isEmpty()) {
      out.set("Access-Control-Allow-Headers", allowed);
    }
    if (cors.maxAge() != null) {
      out.set("Access-Control-Max-Age", Long.toString(cors.maxAge().toSeconds()));
    }
    if (cors.exposedHeaders() != null && !cors.exposedHeaders().isEmpty()) {
      out.set("Access-Control-Expose-Headers", cors.exposedHeaders());
    }
  }

  private static void applyOrigin(CorsOptions cors, HttpRequestInfo request, ResponseHeaders out) {
    String fixed = cors.fixedOrigin();
    if ("*".equals(fixed)) {
      out.set("Access-Control-Allow-Origin", "*");
      return;
    }
    if (fixed != null) {
      out.set("Access-Control-Allow-Origin", fixed);
      addVary(out, "Origin");
      return;
    }
    String origin = request.header("origin");
    if (cors.allows(origin)) {
      out.set("Access-Control-Allow-Origin", origin);
    }
    addVary(out, "Origin");
  }

  private static void applyCredentials(CorsOptions cors, ResponseHeaders out) {
    if (cors.credentials()) {
      out.set("Access-Control-Allow-Credentials", "true");
    }
  }

  private static void addVary(ResponseHeaders out, String field) {
    String vary = out.get("Vary");
    out.set("Vary", vary == null ? field : vary + ", " + field);
  }
}
