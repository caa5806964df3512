package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deadlines and bounds of {@link HttpListenerOptions}: defaults and validation. */
class HttpListenerOptionsTest {
  @Test
  void defaultsAreSafeOnTheOpenInternet() {
    HttpListenerOptions o = HttpListenerOptions.builder().build();
    assertThat(o.headersTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.writeBufferLowWaterMark()).isEqualTo(32 * 1024);
    assertThat(o.writeBufferHighWaterMark()).isEqualTo(64 * 1024);
    assertThat(o.maxPipelinedRequests()).isEqualTo(1024);
  }

  @Test
  void zeroDisablesTheRequestTimeoutOnly() {
    assertThat(HttpListenerOptions.builder().requestTimeout(Duration.ZERO).build().requestTimeout())
        .isZero();
    assertThatThrownBy(() -> HttpListenerOptions.builder().headersTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headersTimeout must be positive, got PT0S");
    assertThatThrownBy(
            () -> HttpListenerOptions.builder().keepAliveTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keepAliveTimeout must be positive, got PT-1S");
    assertThatThrownBy(
            () -> HttpListenerOptions.builder().requestTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must not be negative (zero disables it), got PT-1S");
  }

  @Test
  void theHeadersDeadlineMayNotOutlastTheRequestDeadline() {
    assertThatThrownBy(
            () ->
                HttpListenerOptions.builder()
                    .headersTimeout(Duration.ofSeconds(40))
                    .requestTimeout(Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headersTimeout (PT40S) must not be longer than requestTimeout (PT30S)");
  }

  @Test
  void waterMarksAndPipeliningAreChecked() {
    assertThatThrownBy(() -> HttpListenerOptions.builder().writeBufferWaterMark(100, 50).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writeBufferWaterMark needs 0 < low <= high, got low 100 and high 50");
    assertThatThrownBy(() -> HttpListenerOptions.builder().maxPipelinedRequests(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPipelinedRequests must not be negative, got -1");
  }
}
