package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The harness itself: JSON lines both ways, failure messages, cleanup of the process tree. */
@Timeout(60)
class NodeScriptIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void linesTravelBothWaysAndUnmatchedLinesWait() {
    try (NodeScript script =
        NodeScript.start(
            "harness-selftest.js", Map.of("SELFTEST_VALUE", "from env"), List.of("echo"))) {
      assertThat(script.await("ready", WAIT).path("env").asText()).isEqualTo("from env");

      script.send(NodeScript.command("first"));
      script.send(NodeScript.command("second"));
      JsonNode second =
          script.await(line -> line.at("/command/cmd").asText().equals("second"), WAIT);
      assertThat(second.path("event").asText()).isEqualTo("echoed");
      // the first line did not match and is still there for a later wait
      assertThat(script.await("echoed", WAIT).at("/command/cmd").asText()).isEqualTo("first");
      assertThat(script.pending()).isEmpty();
      assertThat(script.log()).contains("stdout: this line is not JSON");
    }
  }

  @Test
  void aScriptThatDiesFailsTheWaitAtOnceWithItsStderrAndExitCode() {
    try (NodeScript script = NodeScript.start("harness-selftest.js", "crash")) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> script.await("never", Duration.ofSeconds(30)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("the script ended without a line with \"event\":\"never\"")
          .hasMessageContaining("exited with 3")
          .hasMessageContaining("{\"event\":\"started\"}")
          .hasMessageContaining("something broke on purpose");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void aWaitThatTimesOutSaysWhatItWaitedFor() {
    try (NodeScript script = NodeScript.start("harness-selftest.js", "echo")) {
      script.await("ready", WAIT);
      assertThatThrownBy(() -> script.await("nothing", Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("waited PT0.2S without a line with \"event\":\"nothing\"")
          .hasMessageContaining("still running");
    }
  }

  @Test
  void closeKillsTheScriptAndTheProcessesItStarted() {
    long parent;
    long child;
    try (NodeScript script = NodeScript.start("harness-selftest.js", "tree")) {
      JsonNode tree = script.await("tree", WAIT);
      parent = tree.path("parent").asLong();
      child = tree.path("child").asLong();
      assertThat(ProcessHandle.of(child)).isPresent();
    }
    assertThat(ProcessHandle.of(parent).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
