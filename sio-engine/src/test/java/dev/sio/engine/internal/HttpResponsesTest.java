package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.HttpRequestInfo;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
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
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding(null))).isNull();
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("gzip, deflate, br")))
        .isEqualTo("gzip");
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("deflate"))).isEqualTo("deflate");
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("gzip;q=0.1, deflate;q=0.9")))
        .isEqualTo("deflate");
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("gzip;q=0"))).isNull();
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("*"))).isEqualTo("gzip");
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("identity"))).isNull();
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("gzip;q=abc, deflate")))
        .isEqualTo("deflate");
  }

  @Test
  void malformedAcceptEncodingPartsAreIgnored() {
    // found by the HTTP fuzz target: a part made only of ';' once threw out of the negotiation
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding(";;;;;;"))).isNull();
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding(",;;,gzip"))).isEqualTo("gzip");
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding(";, ;q=1, deflate")))
        .isEqualTo("deflate");
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("gzip;q=NaN"))).isNull();
    assertThat(HttpResponses.negotiateEncoding(withAcceptEncoding("gzip;q=Infinity, deflate")))
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
