package dev.sio.engine.internal;

import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One endpoint's WebSocket handshakes ({@link dev.sio.engine.spi.EnginePort#verifyUpgrade} and
 * {@link dev.sio.engine.spi.EnginePort#openWebSocket}): the checks before the 101, then the socket,
 * which opens a new session (its sid in the 101's cookie) or starts the upgrade of a polling one
 * ({@link EngineSession#maybeUpgrade}). A session's owner decides whether it takes an upgrade.
 */
final class WebSocketHandshakes {
  private final EngineEndpoint endpoint;

  WebSocketHandshakes(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * The checks of a WebSocket handshake (Node's {@code handleUpgrade} and {@code verify}), on the
   * executor it arrived on; allowRequest's wait runs there too.
   */
  CompletionStage<UpgradeVerdict> verify(HttpRequestInfo info, SessionExecutor arrivedOn) {
    EngineOptions options = endpoint.options();
    CorsOptions cors = options.cors();
    ResponseHeaders extra = new ResponseHeaders();
    if (cors != null) {
      Cors.applyActual(cors, info, extra);
    }
    String transport = info.queryParam("transport");
    boolean closed = endpoint.isClosed();
    if (closed || !endpoint.httpTransport(transport)) {
      return UpgradeRefusals.completed(
          closed ? EngineProtocol.BAD_REQUEST : EngineProtocol.UNKNOWN_TRANSPORT, null);
    }
    if (EngineEndpoint.invalidHeaderValue(info.header("origin"))) {
      return UpgradeRefusals.completed(EngineProtocol.BAD_REQUEST, null);
    }
    // A WebSocket for another transport is refused before any 101 (Node answers the 101, then
    // closes), once the binding's handshake checks passed.
    boolean engineWs = EngineOptions.WEBSOCKET.equals(transport);
    String sid = info.queryParam("sid");
    if (sid != null) {
      EngineSession session = endpoint.sessionById(sid);
      if (session == null) {
        return UpgradeRefusals.completed(EngineProtocol.UNKNOWN_SID, null);
      }
      if (!session.protocolVersion().equals(info.queryParam("EIO"))) {
        return UpgradeRefusals.completed(
            EngineProtocol.BAD_REQUEST, null); // Node: PROTOCOL_MISMATCH
      }
      if (!engineWs) {
        return CompletableFuture.completedFuture(UpgradeRefusals.afterChecks());
      }
      CompletableFuture<UpgradeVerdict> verdict = new CompletableFuture<>();
      // the session's owner decides whether it takes an upgrade now (at once when already there)
      session.execute(() -> verdict.complete(upgradeOf(session, info, extra)));
      return verdict;
    }
    if (!"GET".equals(info.method())) {
      return UpgradeRefusals.completed(EngineProtocol.BAD_HANDSHAKE_METHOD, null);
    }
    CompletableFuture<UpgradeVerdict> verdict = new CompletableFuture<>();
    AllowRequestCheck.run(
        options,
        options.allowRequest() == null ? null : arrivedOn,
        task -> {
          if (task != null) { // the binding cancels the verdict when the client goes away
            verdict.whenComplete(
                (v, t) -> {
                  if (verdict.isCancelled()) {
                    task.run();
                  }
                });
          }
        },
        info,
        message -> verdict.complete(UpgradeRefusals.of(EngineProtocol.FORBIDDEN, message)),
        () -> {
          if (engineWs && endpoint.protocolOf(info) < 0) {
            verdict.complete(UpgradeRefusals.of(EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION, null));
          } else if (!engineWs || endpoint.isClosed()) {
            verdict.complete(UpgradeRefusals.afterChecks());
          } else {
            verdict.complete(newUpgrade(info, arrivedOn, extra));
          }
        });
    return verdict;
  }

  /** A new session's WebSocket: its sid is in the 101's cookie (the executor it arrived on). */
  private UpgradeVerdict newUpgrade(
      HttpRequestInfo info, SessionExecutor arrivedOn, ResponseHeaders extra) {
    if (arrivedOn == null) {
      throw new IllegalStateException("a WebSocket handshake needs the executor it arrived on");
    }
    EngineOptions options = endpoint.options();
    String sid = SessionIds.next();
    endpoint.addCookie(extra, sid);
    ResponseHeaderListeners.apply(options, info, extra, true);
    return new UpgradeVerdict(
        0, null, false, extra, info, arrivedOn, sid, true, false, options.perMessageDeflate());
  }

  /**
   * The upgrade of {@code session} (its owner): a session that is closed, upgrading or already
   * upgraded gets, as in Node (and the official suite, "ignores WebSocket connection with same sid
   * after upgrade"), the 101 and an empty close, and is untouched.
   */
  private UpgradeVerdict upgradeOf(
      EngineSession session, HttpRequestInfo info, ResponseHeaders extra) {
    EngineOptions options = endpoint.options();
    boolean refuse = !session.acceptsUpgrade();
    if (!refuse) {
      ResponseHeaderListeners.apply(options, info, extra, false);
    }
    return new UpgradeVerdict(
        0,
        null,
        false,
        extra,
        info,
        session.owner(),
        session.id(),
        false,
        refuse,
        options.perMessageDeflate());
  }

  /**
   * The socket of a WebSocket whose 101 is on its way: opens its new session, or starts the upgrade
   * of the session it names; {@code null} when there is none any more.
   */
  WebSocketInbound open(UpgradeVerdict verdict, MessageChannel channel) {
    HttpRequestInfo info = verdict.request();
    EngineSession session;
    if (verdict.newSession()) {
      if (endpoint.isClosed()) {
        return null;
      }
      session =
          new EngineSession(
              verdict.sid(),
              endpoint.protocolOf(info),
              endpoint,
              EngineEndpoint.handshakeOf(info),
              verdict.owner());
    } else {
      session = endpoint.sessionById(verdict.sid());
      if (session == null) {
        channel.close(-1); // gone since the verdict: as a session that takes no upgrade
        return null;
      }
    }
    WebSocketTransport ws = new WebSocketTransport(session, channel);
    ws.request(info);
    ws.configure(info);
    EngineSession s = session;
    if (!verdict.newSession()) {
      s.execute(
          () -> {
            s.maybeUpgrade(ws);
            channel.startReading(); // frames sent with the request (a probe) come now
          });
    } else if (s.isV3()) {
      // Engine.IO v3 clients (and the v3 suite) listen for the open packet only once the socket
      // is open: it goes in its own write, after the 101 has left, as Node's ws writes it.
      channel.whenWritten(
          () -> {
            endpoint.add(s);
            s.open(ws);
            s.notifyOpen();
            channel.startReading();
          });
    } else {
      endpoint.add(s);
      s.open(ws);
      s.notifyOpen();
      channel.startReading();
    }
    return ws;
  }
}
