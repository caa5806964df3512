package dev.sio.servlet.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineProtocol;
import dev.sio.engine.internal.HttpAnswer;
import dev.sio.engine.internal.Responses;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.servlet.ServletHostOptions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Servlet half of a WebSocket upgrade (D6, S0 (b)): asks the port for its verdict; when that is
 * not decided at once, goes async and, once decided, {@code AsyncContext.dispatch()}es back to the
 * filter, which upgrades in the {@code ASYNC} dispatch (Tomcat refuses an upgrade from an async
 * context, Jetty opens the endpoint only at {@code complete()}). Then {@code ws}'s handshake checks
 * with {@code ws}'s answers, the verdict's refusal, or {@code upgradeHttpToWebSocket} with an
 * {@link EngineConfigurator}. No container thread waits for a verdict.
 */
final class ServletUpgrades {
  private static final Logger log = LoggerFactory.getLogger(ServletUpgrades.class);

  /** The request attribute that carries a decided verdict into the ASYNC dispatch. */
  static final String VERDICT = ServletUpgrades.class.getName() + ".verdict";

  /** A decided verdict waiting for its dispatch. */
  record Decided(EnginePort port, UpgradeVerdict verdict) {}

  private final ServletLoops loops;
  private final ServletCloser closer;
  private final ServletHostOptions options;
  private final Supplier<ServerContainer> container;

  ServletUpgrades(
      ServletLoops loops,
      ServletCloser closer,
      ServletHostOptions options,
      Supplier<ServerContainer> container) {
    this.loops = loops;
    this.closer = closer;
    this.options = options;
    this.container = container;
  }

  /** A WebSocket upgrade request for {@code port}, on the container thread of its REQUEST. */
  void start(
      EnginePort port, HttpServletRequest req, HttpServletResponse resp, HttpRequestInfo info)
      throws IOException {
    CompletableFuture<UpgradeVerdict> verdict =
        port.verifyUpgrade(info, loops.next()).toCompletableFuture();
    if (verdict.isDone() && !verdict.isCompletedExceptionally()) {
      finish(new Decided(port, verdict.join()), req, resp);
      return;
    }
    AsyncContext async = req.startAsync();
    async.setTimeout(0); // the core's allowRequest deadline ends a pending verdict
    async.addListener(
        new AsyncListener() {
          @Override
          public void onComplete(AsyncEvent event) {}

          @Override
          public void onTimeout(AsyncEvent event) {
            verdict.cancel(false);
          }

          @Override
          public void onError(AsyncEvent event) {
            verdict.cancel(false); // nobody is left to answer
          }

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
    verdict.whenComplete(
        (v, t) -> {
          if (v == null) {
            if (!(t instanceof CancellationException)) {
              log.debug("WebSocket upgrade verdict failed", t);
            }
            try {
              async.complete();
            } catch (IllegalStateException e) {
              // the request is gone
            }
            return;
          }
          try {
            req.setAttribute(VERDICT, new Decided(port, v));
            async.dispatch();
          } catch (IllegalStateException e) {
            log.debug("the upgrading request is gone", e);
          }
        });
  }

  /** The decided upgrade, on a container thread (the REQUEST, or the ASYNC dispatch). */
  void finish(Decided d, HttpServletRequest req, HttpServletResponse resp) throws IOException {
    UpgradeVerdict v = d.verdict();
    if (v.refused() && !v.refuseAfterChecks()) {
      refuse(resp, v);
      return;
    }
    HttpAnswer checks = handshakeRefusal(req);
    if (checks != null) {
      ServletAnswers.write(resp, checks);
      return;
    }
    if (v.refused()) {
      refuse(resp, v);
      return;
    }
    ServerContainer sc = container.get();
    if (sc == null) {
      log.warn("no jakarta.websocket.server.ServerContainer in the context: WebSocket refused");
      ServletAnswers.write(resp, Responses.upgradeError(EngineProtocol.BAD_REQUEST, null));
      return;
    }
    SioEndpoint endpoint =
        new SioEndpoint(
            d.port(),
            v,
            closer,
            options.writeBufferHighWaterMark(),
            options.writeBufferLowWaterMark(),
            options.inboundBacklogBytes());
    ServerEndpointConfig config =
        ServerEndpointConfig.Builder.create(SioEndpoint.class, "/")
            .configurator(new EngineConfigurator(v, endpoint))
            .build();
    try {
      sc.upgradeHttpToWebSocket(req, resp, config, Map.of());
    } catch (Exception e) {
      log.debug("WebSocket upgrade failed", e);
      if (!resp.isCommitted()) {
        resp.reset(); // Tomcat may have left the handshake's headers (S0 (b))
        ServletAnswers.write(resp, Responses.upgradeError(EngineProtocol.BAD_REQUEST, null));
      }
    }
  }

  private static void refuse(HttpServletResponse resp, UpgradeVerdict v) throws IOException {
    byte[] body =
        v.refusalBody() == null
            ? new byte[0]
            : v.refusalBody().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ServletAnswers.write(resp, v.refusalStatus(), v.headers(), body, true);
  }

  /**
   * {@code ws}'s handshake checks, as the Netty binding makes them: a method other than GET (405),
   * a missing or malformed {@code Sec-WebSocket-Key} (400), a {@code Sec-WebSocket-Version} other
   * than 13 (400; the containers speak 13 only, where Netty also takes 8); {@code null} when they
   * pass.
   */
  static HttpAnswer handshakeRefusal(HttpServletRequest req) {
    if (!"GET".equals(req.getMethod())) {
      return Responses.handshakeError(405, "Invalid HTTP method");
    }
    List<String> keys = java.util.Collections.list(req.getHeaders("Sec-WebSocket-Key"));
    if (keys.size() != 1 || !isValidKey(keys.get(0))) {
      return Responses.handshakeError(400, "Missing or invalid Sec-WebSocket-Key header");
    }
    List<String> versions = java.util.Collections.list(req.getHeaders("Sec-WebSocket-Version"));
    if (versions.size() != 1 || !"13".equals(versions.get(0).trim())) {
      HttpAnswer a =
          Responses.handshakeError(400, "Missing or invalid Sec-WebSocket-Version header");
      a.headers().set("Sec-WebSocket-Version", "13");
      return a;
    }
    return null;
  }

  /** {@code ws}'s key rule: 22 base64 characters and {@code ==}. */
  static boolean isValidKey(String key) {
    if (key.length() != 24 || key.charAt(22) != '=' || key.charAt(23) != '=') {
      return false;
    }
    for (int i = 0; i < 22; i++) {
      char c = key.charAt(i);
      boolean base64 =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!base64) {
        return false;
      }
    }
    return true;
  }
}
