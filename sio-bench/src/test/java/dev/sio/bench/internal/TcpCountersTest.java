package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.ScenarioResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpCountersTest {
  private static final String NETSTAT =
      "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops\n"
          + "TcpExt: 10771 60861 198430 198431\n"
          + "IpExt: InNoRoutes\n"
          + "IpExt: 0\n";

  @Test
  void readsTheListenCountersOfTcpExt() {
    assertThat(TcpCounters.parse(NETSTAT))
        .containsExactly(
            Map.entry("SyncookiesSent", 10771L),
            Map.entry("ListenOverflows", 198430L),
            Map.entry("ListenDrops", 198431L));
    assertThat(TcpCounters.parse("IpExt: InNoRoutes\nIpExt: 0\n")).isEmpty();
  }

  @Test
  void putsTheDifferenceInSnakeCase() {
    ScenarioResult r = new ScenarioResult();
    TcpCounters.putDelta(
        r,
        "warm_",
        Map.of("ListenOverflows", 10L, "ListenDrops", 10L),
        Map.of("ListenOverflows", 25L, "ListenDrops", 12L, "SyncookiesSent", 3L));
    assertThat(r.get("warm_listen_overflows")).isEqualTo("15");
    assertThat(r.get("warm_listen_drops")).isEqualTo("2");
    assertThat(r.get("warm_syncookies_sent")).as("missing before").isNull();
    assertThat(TcpCounters.sample()).containsKey("ListenOverflows"); // Linux has it
  }
}
