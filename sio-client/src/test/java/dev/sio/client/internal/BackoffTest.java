package dev.sio.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BackoffTest {
  @Test
  void doublesFromTheMinimumUpToTheMaximumWithoutJitter() {
    Backoff backoff = new Backoff(1000, 5000, 0);
    assertThat(backoff.duration()).isEqualTo(1000);
    assertThat(backoff.duration()).isEqualTo(2000);
    assertThat(backoff.duration()).isEqualTo(4000);
    assertThat(backoff.duration()).isEqualTo(5000);
    assertThat(backoff.duration()).isEqualTo(5000);
    assertThat(backoff.attempts()).isEqualTo(5);
    backoff.reset();
    assertThat(backoff.attempts()).isZero();
    assertThat(backoff.duration()).isEqualTo(1000);
  }

  @Test
  void jitterStaysWithinTheRandomizationFactor() {
    boolean below = false;
    boolean above = false;
    for (int i = 0; i < 500; i++) {
      Backoff backoff = new Backoff(1000, 5000, 0.5);
      long first = backoff.duration();
      assertThat(first).isBetween(500L, 1500L);
      below |= first < 1000;
      above |= first > 1000;
      long second = backoff.duration();
      assertThat(second).isBetween(1000L, 3000L);
    }
    assertThat(below).as("some delays are shortened").isTrue();
    assertThat(above).as("some delays are lengthened").isTrue();
  }

  @Test
  void anOutOfRangeJitterIsIgnoredAsInNode() {
    Backoff backoff = new Backoff(100, 10_000, 1.5);
    assertThat(backoff.duration()).isEqualTo(100);
    assertThat(backoff.duration()).isEqualTo(200);
  }
}
