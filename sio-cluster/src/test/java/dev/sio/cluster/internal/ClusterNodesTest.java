package dev.sio.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The nodes a heartbeat adapter knows: heard, silent past the timeout, gone. */
class ClusterNodesTest {
  private static final long S = 1_000_000_000L;

  @Test
  void aNodeSilentForLongerThanTheTimeoutIsDroppedOnce() {
    ClusterNodes nodes = new ClusterNodes(Duration.ofSeconds(10));
    nodes.seen("a", 0);
    nodes.seen("b", 5 * S);
    assertThat(nodes.size()).isEqualTo(2);
    assertThat(nodes.expired(10 * S)).isEmpty(); // exactly the timeout: not yet
    assertThat(nodes.expired(10 * S + 1)).containsExactly("a");
    assertThat(nodes.expired(11 * S)).isEmpty();
    assertThat(nodes.uids()).containsExactly("b");
    nodes.seen("b", 12 * S); // heard again: counted from then
    assertThat(nodes.expired(20 * S)).isEmpty();
    assertThat(nodes.expired(22 * S + 1)).containsExactly("b");
  }

  @Test
  void aNodeThatSaysGoodbyeIsRemoved() {
    ClusterNodes nodes = new ClusterNodes(Duration.ofSeconds(10));
    nodes.seen("a", 0);
    assertThat(nodes.remove("a")).isTrue();
    assertThat(nodes.remove("a")).isFalse();
    assertThat(nodes.remove(null)).isFalse();
    assertThat(nodes.size()).isZero();
  }
}
