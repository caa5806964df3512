package dev.sio.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.WebTransportInbound;
import dev.sio.engine.spi.WebTransportVerdict;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's WebTransport handshakes (Node's {@code onWebTransportSession}): the checks of a
 * session's CONNECT, then its stream's first packet, which opens a session or starts the upgrade of
 * a polling one. The transport is {@link WebSocketTransport} named {@code webtransport}: a stream
 * frame carries one packet as a WebSocket message does.
 */
final class WebTransportHandshakes {
  private static final Logger log = LoggerFactory.getLogger(WebTransportHandshakes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineEndpoint endpoint;

  WebTransportHandshakes(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** The checks of a CONNECT; allowRequest's wait runs on {@code arrivedOn}. */
  CompletionStage<WebTransportVerdict> verify(HttpRequestInfo info, SessionExecutor arrivedOn) {
    EngineOptions options = endpoint.options();
    ResponseHeaders cors = new ResponseHeaders();
    CorsOptions corsOptions = options.cors();
    if (corsOptions != null) {
      Cors.applyActual(corsOptions, info, cors);
    }
    if (endpoint.isClosed()) {
      return CompletableFuture.completedFuture(
          new WebTransportVerdict(
              503,
              Responses.error(EngineProtocol.BAD_REQUEST, null).text().toString(),
              cors,
              info));
    }
    if (!options.allowsTransport(EngineOptions.WEBTRANSPORT)) {
      return refused(EngineProtocol.UNKNOWN_TRANSPORT, null, cors, info);
    }
    String eio = info.queryParam("EIO");
    if (eio != null && !EngineProtocol.PROTOCOL_VERSION.equals(eio)) {
      return refused(EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION, null, cors, info);
    }
    if (EngineEndpoint.invalidHeaderValue(info.header("origin"))) {
      return refused(EngineProtocol.BAD_REQUEST, null, cors, info);
    }
    CompletableFuture<WebTransportVerdict> verdict = new CompletableFuture<>();
    AllowRequestCheck.run(
        options,
        options.allowRequest() == null ? null : arrivedOn,
        task -> {}, // the session's upgradeTimeout bounds the wait on the binding's side
        info,
        message -> verdict.complete(refusal(EngineProtocol.FORBIDDEN, message, cors, info)),
        () -> verdict.complete(new WebTransportVerdict(0, null, cors, info)));
    return verdict;
  }

  private static CompletionStage<WebTransportVerdict> refused(
      int code, String message, ResponseHeaders cors, HttpRequestInfo info) {
    return CompletableFuture.completedFuture(refusal(code, message, cors, info));
  }

  private static WebTransportVerdict refusal(
      int code, String message, ResponseHeaders cors, HttpRequestInfo info) {
    HttpAnswer r = Responses.error(code, message);
    return new WebTransportVerdict(r.status(), r.text().toString(), cors, info);
  }

  /** The stream's first packet: a new session, an upgrade, or {@code null} (refused). */
  WebTransportInbound open(
      HttpRequestInfo info, SessionExecutor arrivedOn, MessageChannel channel, EnginePacket first) {
    if (first == null || first.type() != EnginePacketType.OPEN) {
      log.debug("invalid WebTransport handshake: first packet {}", first);
      return null;
    }
    String data = first.data();
    if (data == null || data.isEmpty()) {
      EngineSession session = endpoint.newSession(info, arrivedOn, 4);
      if (session == null) {
        return null; // the endpoint closed
      }
      WebSocketTransport wt = transport(session, channel, info);
      session.execute(
          () -> {
            session.open(wt);
            session.notifyOpen();
          });
      return wt;
    }
    String sid = sessionIdOf(data);
    EngineSession session = sid == null ? null : endpoint.sessionById(sid);
    if (session == null || session.isV3()) {
      log.debug("WebTransport upgrade refused: no such v4 session {}", sid);
      return null;
    }
    WebSocketTransport wt = transport(session, channel, info);
    session.execute(
        () -> {
          if (session.acceptsUpgrade()) {
            session.maybeUpgrade(wt);
          } else {
            wt.closeChannel(); // upgrading or upgraded already, or closed: Node closes the session
          }
        });
    return wt;
  }

  private static WebSocketTransport transport(
      EngineSession session, MessageChannel channel, HttpRequestInfo info) {
    WebSocketTransport wt = new WebSocketTransport(session, channel, EngineOptions.WEBTRANSPORT);
    wt.request(info);
    return wt;
  }

  /** Node's {@code parseSessionId}: {@code JSON.parse(data).sid} when it is a string. */
  static String sessionIdOf(String data) {
    try {
      JsonNode sid = JSON.readTree(data).get("sid");
      return sid != null && sid.isTextual() ? sid.asText() : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}
