package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void smallValuesAreExact() {
    Histogram h = new Histogram();
    for (int v = 0; v < 64; v++) {
      h.record(v);
    }
    assertThat(h.count()).isEqualTo(64);
    assertThat(h.percentile(50)).isEqualTo(31);
    assertThat(h.percentile(100)).isEqualTo(63);
    assertThat(h.min()).isZero();
    assertThat(h.max()).isEqualTo(63);
    assertThat(h.mean()).isEqualTo(31.5);
  }

  @Test
  void largeValuesAreWithinOneSixtyFourth() {
    for (long v : new long[] {64, 65, 1000, 123_456, 987_654_321L, 50_000_000_000L}) {
      Histogram h = new Histogram();
      h.record(v);
      h.record(Long.MAX_VALUE / 4); // pushes max up, so the bucket bound shows
      long p = h.percentile(50);
      assertThat(p).isGreaterThanOrEqualTo(v);
      assertThat((double) (p - v)).isLessThanOrEqualTo(v / 64.0);
    }
  }

  @Test
  void bucketsCoverEveryValueInOrder() {
    int last = -1;
    for (long v = 0; v < 1 << 20; v += 7) {
      int i = Histogram.index(v);
      assertThat(i).isGreaterThanOrEqualTo(last);
      assertThat(Histogram.highestInBucket(i)).isGreaterThanOrEqualTo(v);
      last = i;
    }
  }

  @Test
  void percentilesOfAUniformSpread() {
    Histogram h = new Histogram();
    for (int i = 1; i <= 100_000; i++) {
      h.record(i * 1000L); // 1 µs .. 100 ms in ns
    }
    assertThat(h.percentile(50)).isBetween(50_000_000L, 50_000_000L + 50_000_000L / 64);
    assertThat(h.percentile(99)).isBetween(99_000_000L, 99_000_000L + 99_000_000L / 64);
    assertThat(h.percentile(100)).isEqualTo(100_000_000L);
  }

  @Test
  void hugeAndNegativeValuesAreClamped() {
    Histogram h = new Histogram();
    h.record(-5);
    h.record(Long.MAX_VALUE);
    assertThat(h.count()).isEqualTo(2);
    assertThat(h.percentile(50)).isZero();
    assertThat(h.percentile(100)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void addMergesAndResetForgets() {
    Histogram a = new Histogram();
    Histogram b = new Histogram();
    a.record(10);
    b.record(1_000_000);
    a.add(b);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.max()).isEqualTo(1_000_000);
    assertThat(a.min()).isEqualTo(10);
    a.reset();
    assertThat(a.count()).isZero();
    assertThat(a.percentile(99)).isZero();
    assertThat(a.min()).isZero();
  }

  @Test
  void percentileOutOfRangeIsRejected() {
    assertThatThrownBy(() -> new Histogram().percentile(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percentile must be within 0..100: 101.0");
  }
}
