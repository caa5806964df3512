package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

  @Test
  void pacedBroadcastMeasuresTheLastRecipient() {
    ScenarioResult r =
        run(
            tiny(LoadOptions.Scenario.PACED_BROADCAST)
                .clients(20)
                .broadcastRate(50)
                .window(64)
                .messages(100_000)
                .warmup(Duration.ofMillis(500))
                .duration(Duration.ofSeconds(2))
                .build());
    assertThat(r.number("connected")).isEqualTo(21);
    assertThat(r.number("broadcasts_measured")).isPositive();
    assertThat(r.number("delivered")).isEqualTo(r.number("broadcasts_sent") * 20);
    assertThat(r.number("lost")).isZero();
    assertThat(r.number("incomplete_broadcasts")).isZero();
    assertThat(r.number("wrong_events")).isZero();
    assertThat(r.number("stale_deliveries")).isZero();
    assertThat(r.number("last_p50_ms")).isPositive();
    assertThat(r.number("last_max_ms")).isGreaterThanOrEqualTo(r.number("last_p99_ms"));
    assertThat(r.number("last_p50_ms")).isGreaterThanOrEqualTo(r.number("first_p50_ms"));
    assertThat(r.number("spread_p50_ms")).isNotNegative();
    assertThat(r.number("server_cpu_us_per_delivery")).isNotNaN();
  }

  @Test
  void stormConnectsEveryClientTwice() {
    ScenarioResult r = run(tiny(LoadOptions.Scenario.STORM).clients(20).rounds(2).build());
    assertThat(r.number("tool_warmup_connected")).isEqualTo(60);
    assertThat(r.number("connected")).isEqualTo(20);
    assertThat(r.number("connect_failures")).isZero();
    assertThat(r.number("warm_connected")).isEqualTo(20);
    assertThat(r.number("warm_connect_failures")).isZero();
    assertThat(r.number("failed_rounds")).isZero();
    assertThat(r.number("all_connected_ms")).isPositive();
    assertThat(r.number("connect_max_ms"))
        .isGreaterThanOrEqualTo(r.number("connect_p50_ms"))
        .isPositive();
    assertThat(r.number("server_cpu_us_per_connection")).isNotNegative();
  }

  @Test
  void connectionsReportDirectMemoryAndFilesPerConnection() {
    ScenarioResult r =
        run(
            tiny(LoadOptions.Scenario.CONNECTIONS)
                .clients(20)
                .connectRate(200)
                .hold(Duration.ofMillis(200))
                .build());
    assertThat(r.number("direct_after_bytes")).isNotNegative();
    assertThat(r.number("fds_per_connection")).isCloseTo(1.0, within(0.1));
    assertThat(r.number("server_cpu_us_per_connection")).isNotNegative();
    assertThat(r.number("kernel_tcp_buffer_bytes_per_socket")).isNotNaN();
  }
}
