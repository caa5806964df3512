package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.EngineProtocol;
import dev.sio.engine.internal.HttpAnswer;
import dev.sio.engine.internal.Responses;
import dev.sio.engine.internal.SessionIds;
import dev.sio.engine.spi.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HttpResponsesTest {
  private static HttpRequestInfo withAcceptEncoding(String value) {
    return new HttpRequestInfo(
        "GET",
        "/",
        "/",
        value == null ? Map.of() : Map.of("accept-encoding", List.of(value)),
        Map.of(),
        null,
        false);
  }

  @Test
  void negotiatesLikeTheAcceptsPackage() {
    assertThat(Responses.negotiateEncoding(withAcceptEncoding(null))).isNull();
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("gzip, deflate, br")))
        .isEqualTo("gzip");
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("deflate"))).isEqualTo("deflate");
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("gzip;q=0.1, deflate;q=0.9")))
        .isEqualTo("deflate");
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("gzip;q=0"))).isNull();
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("*"))).isEqualTo("gzip");
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("identity"))).isNull();
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("gzip;q=abc, deflate")))
        .isEqualTo("deflate");
  }

  @Test
  void malformedAcceptEncodingPartsAreIgnored() {
    // found by the HTTP fuzz target: a part made only of ';' once threw out of the negotiation
    assertThat(Responses.negotiateEncoding(withAcceptEncoding(";;;;;;"))).isNull();
    assertThat(Responses.negotiateEncoding(withAcceptEncoding(",;;,gzip"))).isEqualTo("gzip");
    assertThat(Responses.negotiateEncoding(withAcceptEncoding(";, ;q=1, deflate")))
        .isEqualTo("deflate");
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("gzip;q=NaN"))).isNull();
    assertThat(Responses.negotiateEncoding(withAcceptEncoding("gzip;q=Infinity, deflate")))
        .isEqualTo("deflate");
  }

  @Test
  void errorsAreNodesJson() {
    FullHttpResponse r = HttpResponses.error(ByteBufAllocator.DEFAULT, 1, null);
    assertThat(r.status().code()).isEqualTo(400);
    assertThat(r.content().toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    r.release();
    r = HttpResponses.error(ByteBufAllocator.DEFAULT, 4, "no\n\"way\"\u0001");
    assertThat(r.status().code()).isEqualTo(403);
    assertThat(r.content().toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":4,\"message\":\"no\\n\\\"way\\\"\\u0001\"}");
    r.release();
  }

  /** The response as the encoder puts it on the wire. */
  private static String wire(FullHttpResponse r) {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
    ch.writeOutbound(r);
    StringBuilder out = new StringBuilder();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      out.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    ch.finishAndReleaseAll();
    return out.toString();
  }

  @Test
  void answersBecomeNettyResponsesWithTheirHeadersInOrderAndAsSpelled() {
    ResponseHeaders h = new ResponseHeaders();
    h.set("Content-Type", "text/plain; charset=UTF-8")
        .set("Access-Control-Allow-Origin", "https://a.example")
        .set("Vary", "Origin")
        .set("cache-control", "no-store")
        .add("Set-Cookie", "io=x; Path=/")
        .add("set-cookie", "b=2");
    FullHttpResponse r =
        HttpResponses.toNetty(ByteBufAllocator.DEFAULT, new HttpAnswer(200, h, "4héllo", null));
    assertThat(wire(r))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Access-Control-Allow-Origin: https://a.example\r\n"
                + "Vary: Origin\r\n"
                + "cache-control: no-store\r\n"
                + "Set-Cookie: io=x; Path=/\r\n"
                + "set-cookie: b=2\r\n"
                + "\r\n"
                + "4héllo");
    byte[] bytes = {1, 2, 3};
    r = HttpResponses.toNetty(ByteBufAllocator.DEFAULT, new HttpAnswer(200, h, null, bytes));
    assertThat(r.content().array()).as("wrapped, not copied").isSameAs(bytes);
    r.release();
    r = HttpResponses.empty(413);
    assertThat(wire(r)).isEqualTo("HTTP/1.1 413 Request Entity Too Large\r\n\r\n");
    HttpHeaders netty = HttpResponses.toNetty(h);
    assertThat(netty.names())
        .containsExactly(
            "Content-Type",
            "Access-Control-Allow-Origin",
            "Vary",
            "cache-control",
            "Set-Cookie",
            "set-cookie");
  }

  @Test
  void handshakeRefusalsOnTheWire() {
    assertThat(
            wire(
                HttpResponses.handshakeError(ByteBufAllocator.DEFAULT, 405, "Invalid HTTP method")))
        .isEqualTo(
            "HTTP/1.1 405 Method Not Allowed\r\n"
                + "Content-Type: text/html\r\n"
                + "Connection: close\r\n"
                + "Content-Length: 19\r\n"
                + "\r\n"
                + "Invalid HTTP method");
  }

  @Test
  void everyCodeHasNodesMessage() {
    assertThat(EngineProtocol.message(EngineProtocol.UNKNOWN_TRANSPORT))
        .isEqualTo("Transport unknown");
    assertThat(EngineProtocol.message(EngineProtocol.UNKNOWN_SID)).isEqualTo("Session ID unknown");
    assertThat(EngineProtocol.message(EngineProtocol.BAD_HANDSHAKE_METHOD))
        .isEqualTo("Bad handshake method");
    assertThat(EngineProtocol.message(EngineProtocol.BAD_REQUEST)).isEqualTo("Bad request");
    assertThat(EngineProtocol.message(EngineProtocol.FORBIDDEN)).isEqualTo("Forbidden");
    assertThat(EngineProtocol.message(EngineProtocol.UNSUPPORTED_PROTOCOL_VERSION))
        .isEqualTo("Unsupported protocol version");
  }

  @Test
  void headerValuesAreCheckedAsNodeDoes() {
    assertThat(EngineEndpoint.invalidHeaderValue(null)).isFalse();
    assertThat(EngineEndpoint.invalidHeaderValue("https://a.example\tx")).isFalse();
    assertThat(EngineEndpoint.invalidHeaderValue("caf\u00e9")).isFalse();
    assertThat(EngineEndpoint.invalidHeaderValue("a\u007fb")).isTrue();
    assertThat(EngineEndpoint.invalidHeaderValue("a\nb")).isTrue();
    assertThat(EngineEndpoint.invalidHeaderValue("\u0100")).isTrue();
  }

  @Test
  void sessionIdsAreTwentyUrlSafeCharacters() {
    for (int i = 0; i < 100; i++) {
      assertThat(SessionIds.next()).matches("[A-Za-z0-9_-]{20}");
    }
  }
}
