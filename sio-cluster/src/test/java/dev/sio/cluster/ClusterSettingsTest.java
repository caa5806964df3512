package dev.sio.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timings are checked where they are made. */
class ClusterSettingsTest {
  @Test
  void everyDurationMustBePositive() {
    Duration s = Duration.ofSeconds(1);
    assertThat(new ClusterSettings(s, s, s).requestsTimeout()).isEqualTo(s);
    assertThatThrownBy(() -> new ClusterSettings(s, Duration.ZERO, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("heartbeatInterval must be positive, got PT0S");
    assertThatThrownBy(() -> new ClusterSettings(null, s, s))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("requestsTimeout");
  }
}
