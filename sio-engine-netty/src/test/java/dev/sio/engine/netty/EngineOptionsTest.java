package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.CookieOptions;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EngineOptionsTest {
  @Test
  void defaultsAreNodes() {
    EngineOptions o = EngineOptions.defaults();
    assertThat(o.path()).isEqualTo("/engine.io/");
    assertThat(o.pingIntervalMillis()).isEqualTo(25_000);
    assertThat(o.pingTimeoutMillis()).isEqualTo(20_000);
    assertThat(o.upgradeTimeoutMillis()).isEqualTo(10_000);
    assertThat(o.maxHttpBufferSize()).isEqualTo(1_000_000);
    assertThat(o.transports()).containsExactly("polling", "websocket");
    assertThat(o.allowUpgrades()).isTrue();
    assertThat(o.allowRequest()).isNull();
    assertThat(o.cors()).isNull();
    assertThat(o.cookie()).isNull();
    assertThat(o.perMessageDeflate()).isFalse();
    assertThat(o.httpCompression()).isTrue();
    assertThat(o.httpCompressionThreshold()).isEqualTo(1024);
    assertThat(o.maxBufferedBytes()).isEqualTo(8L << 20);
    assertThat(o.maxTotalBufferedBytes())
        .isEqualTo(
            Math.max(8L << 20, io.netty.util.internal.PlatformDependent.maxDirectMemory() / 2));
    assertThat(o.closeTimeoutMillis()).isEqualTo(30_000);
  }

  @Test
  void boundsAndCloseTimeoutAreKept() {
    EngineOptions o =
        EngineOptions.builder()
            .maxBufferedBytes(1 << 20)
            .maxTotalBufferedBytes(5 << 20)
            .closeTimeout(Duration.ofMillis(250))
            .build();
    assertThat(o.maxBufferedBytes()).isEqualTo(1 << 20);
    assertThat(o.maxTotalBufferedBytes()).isEqualTo(5 << 20);
    assertThat(o.closeTimeoutMillis()).isEqualTo(250);
  }

  @Test
  void anUnsetTotalBoundIsTheBindingsDefaultAtLeastTheSessionBound() {
    EngineOptions unset = EngineOptions.builder().maxBufferedBytes(1 << 20).build();
    assertThat(unset.maxTotalBufferedBytes(64L << 20)).isEqualTo(64L << 20);
    assertThat(unset.maxTotalBufferedBytes(1000))
        .as("never below maxBufferedBytes")
        .isEqualTo(1 << 20);
    EngineOptions set = EngineOptions.builder().maxTotalBufferedBytes(5 << 20).build();
    assertThat(set.maxTotalBufferedBytes(64L << 20)).as("a set bound wins").isEqualTo(5 << 20);
    assertThat(set.maxTotalBufferedBytes()).isEqualTo(5 << 20);
  }

  @Test
  void pathGetsATrailingSlash() {
    assertThat(EngineOptions.builder().path("/socket.io").build().path()).isEqualTo("/socket.io/");
    assertThat(EngineOptions.builder().path("/x/").build().path()).isEqualTo("/x/");
  }

  @Test
  void allowRequestTimeoutIs10sByDefaultAndMustBePositive() {
    assertThat(EngineOptions.defaults().allowRequestTimeoutMillis()).isEqualTo(10_000);
    assertThat(
            EngineOptions.builder()
                .allowRequestTimeout(Duration.ofMillis(250))
                .build()
                .allowRequestTimeoutMillis())
        .isEqualTo(250);
    assertThatThrownBy(() -> EngineOptions.builder().allowRequestTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allowRequestTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> EngineOptions.builder().allowRequestTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("allowRequestTimeout");
  }

  @Test
  void buildSaysWhatIsWrong() {
    assertThatThrownBy(() -> EngineOptions.builder().path("engine.io").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must start with '/', got \"engine.io\"");
    assertThatThrownBy(() -> EngineOptions.builder().pingInterval(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pingInterval must be positive, got PT0S");
    assertThatThrownBy(() -> EngineOptions.builder().pingTimeout(Duration.ofMillis(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pingTimeout must be positive, got PT-0.001S");
    assertThatThrownBy(() -> EngineOptions.builder().maxHttpBufferSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxHttpBufferSize must be positive, got 0");
    assertThatThrownBy(() -> EngineOptions.builder().transports().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("transports must not be empty");
    assertThatThrownBy(() -> EngineOptions.builder().transports("polling", "webtransports").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown transport \"webtransports\" (expected polling, websocket or webtransport)");
    assertThat(
            EngineOptions.builder()
                .transports("polling", "websocket", "webtransport")
                .build()
                .allowsTransport(EngineOptions.WEBTRANSPORT))
        .isTrue();
    assertThat(EngineOptions.builder().build().allowsTransport(EngineOptions.WEBTRANSPORT))
        .isFalse(); // off by default, as Node
    assertThatThrownBy(() -> EngineOptions.builder().httpCompressionThreshold(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("httpCompressionThreshold must not be negative, got -1");
    assertThatThrownBy(() -> EngineOptions.builder().maxBufferedBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBufferedBytes must be positive, got 0");
    assertThatThrownBy(() -> EngineOptions.builder().maxTotalBufferedBytes(-5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTotalBufferedBytes must be positive, got -5");
    assertThatThrownBy(() -> EngineOptions.builder().closeTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("closeTimeout must be positive, got PT0S");
  }

  @Test
  void listenerOptionsValidate() {
    HttpListenerOptions o = HttpListenerOptions.builder().build();
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.port()).isZero();
    assertThat(o.tls()).isFalse();
    assertThat(o.nativeTransport()).isTrue();
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> HttpListenerOptions.builder().idleTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> HttpListenerOptions.builder().port(70000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0..65535, got 70000");
    assertThatThrownBy(() -> HttpListenerOptions.builder().eventLoopThreads(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventLoopThreads must not be negative, got -1");
    assertThatThrownBy(
            () ->
                HttpListenerOptions.builder()
                    .tlsPem(java.nio.file.Path.of("c"), java.nio.file.Path.of("k"))
                    .tlsKeyStore(java.nio.file.Path.of("s"), new char[0])
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("set either tlsPem or tlsKeyStore, not both");
  }

  @Test
  void cookieSerializesLikeTheNpmCookiePackage() {
    assertThat(CookieOptions.builder().build().serialize("abc"))
        .isEqualTo("io=abc; Path=/; HttpOnly; SameSite=Lax");
    assertThat(
            CookieOptions.builder()
                .name("sticky")
                .path(null)
                .domain("example.com")
                .httpOnly(false)
                .secure(true)
                .sameSite("strict")
                .maxAge(Duration.ofHours(1))
                .build()
                .serialize("x"))
        .isEqualTo("sticky=x; Max-Age=3600; Domain=example.com; Secure; SameSite=Strict");
    assertThatThrownBy(() -> CookieOptions.builder().sameSite("sometimes").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cookie sameSite must be Strict, Lax or None, got \"sometimes\"");
    assertThatThrownBy(() -> CookieOptions.builder().name("a b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cookie name must be a token, got \"a b\"");
  }

  @Test
  void corsOptionsValidate() {
    assertThat(CorsOptions.anyOrigin().fixedOrigin()).isEqualTo("*");
    CorsOptions list = CorsOptions.builder().origins("https://a", "https://b").build();
    assertThat(list.allows("https://a")).isTrue();
    assertThat(list.allows("https://c")).isFalse();
    assertThat(list.allows(null)).isFalse();
    assertThatThrownBy(() -> CorsOptions.builder().methods().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cors methods must not be empty");
    assertThatThrownBy(() -> CorsOptions.builder().maxAge(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cors maxAge must not be negative, got PT-1S");
  }
}
