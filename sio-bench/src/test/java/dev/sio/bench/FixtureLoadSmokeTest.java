package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.internal.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every load scenario at a tiny size against one fixture server: each must finish with every client
 * connected, no message lost, and counts that add up. No timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class FixtureLoadSmokeTest {
  private ServerProcess server;
  private final List<String> progress = new ArrayList<>();

  /** Starts the fixture under test. */
  abstract ServerProcess startServer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    server = startServer();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private LoadOptions.Builder tiny(LoadOptions.Scenario scenario) {
    return LoadOptions.builder()
        .scenario(scenario)
        .port(server.port())
        .serverPid(server.pid())
        .clients(5)
        .window(2)
        .messages(200)
        .warmupMessages(20)
        .warmup(Duration.ofSeconds(1))
        .duration(Duration.ofSeconds(30))
        .drainTimeout(Duration.ofSeconds(10));
  }

  private ScenarioResult run(LoadOptions o) {
    ScenarioResult r = LoadTool.run(o, progress::add);
    assertThat(r.get("error")).as("error of %s", r).isNull();
    return r;
  }

  @Test
  void echoOverWebSocket() {
    ScenarioResult r = run(tiny(LoadOptions.Scenario.ECHO).build());
    assertThat(r.number("connected")).isEqualTo(5);
    assertThat(r.number("acks")).isGreaterThanOrEqualTo(200);
    assertThat(r.number("sent")).isEqualTo(r.number("acked")).isGreaterThanOrEqualTo(220);
    assertThat(r.number("lost")).isZero();
    assertThat(r.number("wrong_acks")).isZero();
    assertThat(r.get("drained")).isEqualTo("true");
    assertThat(r.number("latency_p50_ms")).isPositive();
    assertThat(r.number("server_cpu_us_per_ack")).isNotNaN();
  }

  @Test
  void broadcastToARoom() {
    ScenarioResult r =
        run(tiny(LoadOptions.Scenario.BROADCAST).messages(40).warmupMessages(5).build());
    assertThat(r.number("connected")).isEqualTo(6); // 5 receivers and the sender
    assertThat(r.number("deliveries")).isGreaterThanOrEqualTo(40 * 5);
    assertThat(r.number("delivered")).isEqualTo(r.number("broadcasts_sent") * 5);
    assertThat(r.number("lost")).isZero();
    assertThat(r.number("wrong_events")).isZero();
    assertThat(r.get("drained")).isEqualTo("true");
  }

  @Test
  void pacedBroadcast() {
    ScenarioResult r =
        run(
            tiny(LoadOptions.Scenario.BROADCAST)
                .messages(20)
                .warmupMessages(2)
                .broadcastRate(200)
                .window(8)
                .build());
    assertThat(r.number("delivered")).isEqualTo(r.number("broadcasts_sent") * 5);
    assertThat(r.number("deliveries")).isGreaterThanOrEqualTo(20 * 5);
    assertThat(r.number("lost")).isZero();
  }

  @Test
  void echoOverLongPolling() {
    ScenarioResult r = run(tiny(LoadOptions.Scenario.POLLING).build());
    assertThat(r.number("connected")).isEqualTo(5);
    assertThat(r.number("acks")).isGreaterThanOrEqualTo(200);
    assertThat(r.number("sent")).isEqualTo(r.number("acked"));
    assertThat(r.number("lost")).isZero();
    assertThat(r.number("wrong_acks")).isZero();
  }

  @Test
  void holdConnectionsAndMeasureMemory() {
    ScenarioResult r =
        run(
            tiny(LoadOptions.Scenario.CONNECTIONS)
                .clients(20)
                .connectRate(200)
                .hold(Duration.ofMillis(200))
                .build());
    assertThat(r.number("connected")).isEqualTo(20);
    assertThat(r.number("held")).isEqualTo(20);
    assertThat(r.number("lost")).isZero();
    assertThat(r.number("heap_before_bytes")).isPositive();
    assertThat(r.number("heap_after_bytes")).isPositive();
    assertThat(r.number("rss_after_bytes")).isPositive();
    assertThat(r.number("connect_p50_ms")).isPositive();
  }
}
