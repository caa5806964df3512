package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/**
 * The head rules a request passes after Netty's decoder (RFC 9112 framing and {@code Host},
 * HTTP/1.x only) and the WebSocket upgrade's detection, on heads built in memory.
 */
class HttpHeadRulesTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();

  private static HttpRequest head(HttpVersion version, String... headers) {
    HttpRequest r = // no validation: values as a lenient peer may space them
        new DefaultHttpRequest(
            version,
            HttpMethod.GET,
            "/socket.io/?EIO=4",
            DefaultHttpHeadersFactory.headersFactory().withValidation(false));
    for (int i = 0; i < headers.length; i += 2) {
      r.headers().add(headers[i], headers[i + 1]);
    }
    return r;
  }

  @Test
  void aPlainHttp11HeadWithOneHostPasses() {
    assertThat(HttpHeadRules.refusal(head(HttpVersion.HTTP_1_1, "Host", "a"), channel)).isZero();
    assertThat(HttpHeadRules.refusal(head(HttpVersion.HTTP_1_0), channel)).isZero(); // no Host: 1.0
  }

  @Test
  void hostMustBeThereOnceInHttp11AndAtMostOnceInHttp10() {
    assertThat(HttpHeadRules.refusal(head(HttpVersion.HTTP_1_1), channel)).isEqualTo(400);
    assertThat(HttpHeadRules.refusal(head(HttpVersion.HTTP_1_1, "Host", "a", "Host", "b"), channel))
        .isEqualTo(400);
    assertThat(HttpHeadRules.refusal(head(HttpVersion.HTTP_1_0, "Host", "a", "Host", "b"), channel))
        .isEqualTo(400);
  }

  @Test
  void aVersionOtherThanHttp1xIs505() {
    HttpVersion two = HttpVersion.valueOf("HTTP/2.0");
    assertThat(HttpHeadRules.refusal(head(two, "Host", "a"), channel)).isEqualTo(505);
    HttpVersion oneTwo = HttpVersion.valueOf("HTTP/1.2");
    assertThat(HttpHeadRules.refusal(head(oneTwo, "Host", "a"), channel)).isEqualTo(505);
  }

  /** The refusal of an HTTP/1.1 head with one {@code Host} and {@code headers}. */
  private int refusal11(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Host";
    all[1] = "a";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return HttpHeadRules.refusal(head(HttpVersion.HTTP_1_1, all), channel);
  }

  @Test
  void transferEncodingMustEndInChunkedAndComeWithoutContentLength() {
    assertThat(refusal11("Transfer-Encoding", "gzip, chunked")).isZero();
    assertThat(refusal11("Transfer-Encoding", " Chunked ")).isZero();
    assertThat(refusal11("Transfer-Encoding", "chunked, gzip")).isEqualTo(400);
    assertThat(refusal11("Transfer-Encoding", "chunked", "Transfer-Encoding", "identity"))
        .isEqualTo(400); // the last coding of all the headers counts
    assertThat(refusal11("Transfer-Encoding", "chunked", "Content-Length", "3")).isEqualTo(400);
  }

  @Test
  void theUpgradeIsRecognisedInAnyCaseAndWithSpaces() {
    assertThat(
            HttpHeadRules.isWebSocketUpgrade(head(HttpVersion.HTTP_1_1, "Upgrade", " WebSocket ")))
        .isTrue();
    assertThat(HttpHeadRules.isWebSocketUpgrade(head(HttpVersion.HTTP_1_1, "Upgrade", "h2c")))
        .isFalse();
    assertThat(HttpHeadRules.isWebSocketUpgrade(head(HttpVersion.HTTP_1_1))).isFalse();
  }
}
