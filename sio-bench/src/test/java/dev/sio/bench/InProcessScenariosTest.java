package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.internal.ProcStats;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The paced broadcast and the storm against Sio's fixture handlers on a server in this JVM (so the
 * leak detector watches the server's buffers too), at a tiny size. Counts only, no timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class InProcessScenariosTest {
  private SocketIoServer io;
  private final List<String> progress = new ArrayList<>();

  @BeforeAll
  void start() {
    // pings every 300 ms, so that holding connections for 1.5 s sees heartbeats
    io =
        SocketIoServer.create(
            ServerOptions.builder()
                .host("127.0.0.1")
                .port(0)
                .pingInterval(Duration.ofMillis(300))
                .build());
    SioFixture.install(io);
    io.start();
  }

  @AfterAll
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  private LoadOptions.Builder options(LoadOptions.Scenario s) {
    return LoadOptions.builder()
        .scenario(s)
        .port(io.port())
        .serverPid(ProcStats.selfPid())
        .clients(20)
        .warmup(Duration.ofMillis(500))
        .duration(Duration.ofSeconds(2))
        .drainTimeout(Duration.ofSeconds(10));
  }

  @Test
  void pacedBroadcast() {
    ScenarioResult r =
        LoadTool.run(
            options(LoadOptions.Scenario.PACED_BROADCAST).messages(100_000).build(), progress::add);
    assertThat(r.get("error")).as("%s", r).isNull();
    assertThat(r.number("rate")).isEqualTo(50);
    assertThat(r.number("connected")).isEqualTo(21);
    assertThat(r.number("broadcasts_measured")).isPositive();
    assertThat(r.number("deliveries")).isPositive();
    assertThat(r.number("lost")).isZero();
    assertThat(r.number("incomplete_broadcasts")).isZero();
    assertThat(r.number("paced_skipped")).isZero();
    assertThat(r.number("last_max_ms")).isPositive();
    assertThat(r.number("server_cpu_us_per_delivery")).isNotNaN();
    assertThat(progress).anyMatch(l -> l.startsWith("paced-broadcast"));
  }

  @Test
  void storm() {
    ScenarioResult r = LoadTool.run(options(LoadOptions.Scenario.STORM).build(), progress::add);
    assertThat(r.get("error")).as("%s", r).isNull();
    assertThat(r.number("connected")).isEqualTo(20);
    assertThat(r.number("connect_failures")).isZero();
    assertThat(r.number("rounds")).isEqualTo(1);
    assertThat(r.get("warm_connected")).as("one round has no warm figures").isNull();
    assertThat(r.get("listen_overflows")).as("the kernel counters over the storm").isNotNull();
    assertThat(r.number("connect_p99_ms")).isPositive();
    // this process is the server and the tool: the figure exists, its size means nothing here
    assertThat(r.number("server_cpu_us_per_connection")).isNotNegative();
  }

  @Test
  void connectionsCountTheHeartbeatsWhileHolding() {
    ScenarioResult r =
        LoadTool.run(
            options(LoadOptions.Scenario.CONNECTIONS)
                .connectRate(500)
                .hold(Duration.ofMillis(1500))
                .build(),
            progress::add);
    assertThat(r.get("error")).as("%s", r).isNull();
    assertThat(r.number("held")).isEqualTo(20);
    assertThat(r.number("hold_pings")).isGreaterThanOrEqualTo(20); // each client at least once
    assertThat(r.number("heartbeat_cpu_us_per_ping")).isNotNegative();
    assertThat(r.number("direct_after_bytes")).isPositive();
  }

  @Test
  void aStormAgainstNoServerCountsEveryFailureByReason() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ScenarioResult r =
        LoadTool.run(
            options(LoadOptions.Scenario.STORM).port(closedPort).clients(5).serverPid(0).build(),
            progress::add);
    assertThat(r.number("connected")).isZero();
    assertThat(r.number("connect_failures")).isEqualTo(5);
    assertThat(r.get("failure_reasons")).startsWith("5x_connect_failed");
    assertThat(r.get("error")).startsWith("round_1:_only_0_of_5_connected");
    assertThat(r.get("server_cpu_us_per_connection")).as("no server pid, no CPU figure").isNull();
  }
}
