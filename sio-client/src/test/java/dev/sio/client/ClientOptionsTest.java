package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClientOptionsTest {
  @Test
  void defaultsAreThoseOfTheNodeClient() {
    ClientOptions o = ClientOptions.DEFAULTS;
    assertThat(o.path()).isEqualTo("/socket.io/");
    assertThat(o.transports()).isEqualTo(List.of("polling", "websocket"));
    assertThat(o.upgrade()).isTrue();
    assertThat(o.rememberUpgrade()).isFalse();
    assertThat(o.tryAllTransports()).isFalse();
    assertThat(o.reconnection()).isTrue();
    assertThat(o.reconnectionAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(o.reconnectionDelay()).isEqualTo(Duration.ofMillis(1000));
    assertThat(o.reconnectionDelayMax()).isEqualTo(Duration.ofMillis(5000));
    assertThat(o.randomizationFactor()).isEqualTo(0.5);
    assertThat(o.timeout()).isEqualTo(Duration.ofMillis(20000));
    assertThat(o.autoConnect()).isTrue();
    assertThat(o.retries()).isZero();
    assertThat(o.ackTimeout()).isNull();
    assertThat(o.auth()).isNull();
    assertThat(o.withCredentials()).isFalse();
  }

  @Test
  void aSupplierIsCalledAtEachAttempt() {
    AtomicInteger calls = new AtomicInteger();
    ClientOptions o =
        ClientOptions.builder().auth(() -> Map.of("n", calls.incrementAndGet())).build();
    assertThat(o.auth()).isEqualTo(Map.of("n", 1));
    assertThat(o.auth()).isEqualTo(Map.of("n", 2));
    assertThat(o.toBuilder().auth(Map.of("fixed", true)).build().auth())
        .isEqualTo(Map.of("fixed", true));
  }

  @Test
  void aPathGetsItsTrailingSlash() {
    assertThat(ClientOptions.builder().path("/custom").build().path()).isEqualTo("/custom/");
  }

  @Test
  void buildSaysWhatIsWrong() {
    assertThatThrownBy(() -> ClientOptions.builder().transports("carrier-pigeon").build())
        .hasMessage("unknown transport 'carrier-pigeon' (expected polling or websocket)");
    assertThatThrownBy(() -> ClientOptions.builder().transports().build())
        .hasMessage("transports must not be empty");
    assertThatThrownBy(() -> ClientOptions.builder().randomizationFactor(2).build())
        .hasMessage("randomizationFactor must be between 0 and 1: 2.0");
    assertThatThrownBy(() -> ClientOptions.builder().retries(-1).build())
        .hasMessage("retries must be >= 0");
    assertThatThrownBy(() -> ClientOptions.builder().ackTimeout(Duration.ZERO).build())
        .hasMessage("ackTimeout must be positive: PT0S");
    assertThatThrownBy(() -> ClientOptions.builder().path("relative").build())
        .hasMessage("path must start with '/': relative/");
  }
}
