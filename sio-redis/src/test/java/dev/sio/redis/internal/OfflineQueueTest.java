package dev.sio.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The offline queue's bounds and order, and node-redis's reconnect delays. */
@Timeout(10)
class OfflineQueueTest {
  private final List<String> log = new ArrayList<>();

  private OfflineQueue.Entry entry(String name, int bytes) {
    return new OfflineQueue.Entry() {
      @Override
      public int bytes() {
        return bytes;
      }

      @Override
      public void send() {
        log.add("sent " + name);
      }

      @Override
      public void fail(Throwable error) {
        log.add("failed " + name);
      }
    };
  }

  @Test
  void keepsInOrderUpToTheMessageBoundAndCountsTheRest() {
    OfflineQueue q = new OfflineQueue(2, 1000, Duration.ofMinutes(1), "here");
    assertThat(q.offer(entry("a", 1))).isTrue();
    assertThat(q.offer(entry("b", 1))).isTrue();
    assertThat(q.offer(entry("c", 1))).isFalse();
    assertThat(q.size()).isEqualTo(2);
    assertThat(q.dropped()).isEqualTo(1);
    q.drain().forEach(OfflineQueue.Entry::send);
    assertThat(log).containsExactly("sent a", "sent b");
    assertThat(q.isEmpty()).isTrue();
    assertThat(q.offer(entry("d", 1))).as("room again after the drain").isTrue();
  }

  @Test
  void theByteBoundCountsPayloads() {
    OfflineQueue q = new OfflineQueue(100, 10, Duration.ofMinutes(1), "here");
    assertThat(q.offer(entry("a", 6))).isTrue();
    assertThat(q.offer(entry("b", 5))).isFalse();
    assertThat(q.offer(entry("c", 4))).isTrue();
    assertThat(q.bytes()).isEqualTo(10);
    assertThat(q.dropped()).isEqualTo(1);
  }

  @Test
  void aZeroBoundKeepsNothing() {
    OfflineQueue q = new OfflineQueue(0, 10, Duration.ofMinutes(1), "here");
    assertThat(q.offer(entry("a", 0))).isFalse();
    assertThat(q.dropped()).isEqualTo(1);
  }

  @Test
  void entriesOlderThanTheAgeBoundAreFailedNotSent() throws Exception {
    OfflineQueue q = new OfflineQueue(10, 100, Duration.ofMillis(1), "here");
    q.offer(entry("old", 1));
    Thread.sleep(20);
    assertThat(q.drain()).isEmpty();
    assertThat(log).containsExactly("failed old");
    assertThat(q.expired()).isEqualTo(1);
  }

  @Test
  void failAllFailsWhatWaits() {
    OfflineQueue q = new OfflineQueue(10, 100, Duration.ofMinutes(1), "here");
    q.offer(entry("a", 1));
    q.failAll(new IllegalStateException("closed"));
    assertThat(log).containsExactly("failed a");
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void reconnectDelaysAreNodeRedisDefaultStrategy() {
    ReconnectDelay d = new ReconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500));
    // node-redis: Math.min(retries * 50, 500) with retries 0, 1, 2, ...; Lettuce counts from 1
    assertThat(List.of(1L, 2L, 3L, 10L, 11L, 12L, 1000L, Long.MAX_VALUE))
        .extracting(d::delayMillis)
        .containsExactly(0L, 50L, 100L, 450L, 500L, 500L, 500L, 500L);
    assertThat(new ReconnectDelay(Duration.ZERO, Duration.ofMillis(5)).delayMillis(7)).isZero();
  }
}
