package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConnectionWarmupTest {
  private static final long NO_CPU_BOUND = Long.MAX_VALUE;
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void everyConnectionGoesThroughUpgradeOpenConnectAndClose() {
    // more than one batch, the last one short: each step of each connection is checked by the
    // client, so a warm-up the server stopped answering would end early and count fewer
    int n = ConnectionWarmup.BATCH * 2 + 7;
    assertThat(ConnectionWarmup.run(n, NO_CPU_BOUND, MINUTE)).isEqualTo(n);
  }

  @Test
  void theBudgetsEndIt() {
    assertThat(ConnectionWarmup.run(1_000, 0, MINUTE)).isZero(); // no CPU to spend
    assertThat(ConnectionWarmup.run(1_000, NO_CPU_BOUND, 0)).isZero(); // no time to spend
  }

  @Test
  void onceAJvmAndNeverSeenByTheServerItPrecedes() {
    List<String> seen = new CopyOnWriteArrayList<>();
    SocketIoServer io =
        SocketIoServer.create(
            ServerOptions.builder().host("127.0.0.1").port(0).warmUpConnections(60).build());
    io.onConnection(socket -> seen.add(socket.id()));
    io.use((socket, next) -> seen.add("middleware " + socket.id()));
    try {
      io.start(); // the JVM's first warm-up (or a later start, if another test started one)
      assertThat(io.engine().clientsCount()).isZero();
      assertThat(seen).isEmpty();
      assertThat(ConnectionWarmup.once(60)).as("a second warm-up in the same JVM").isZero();
    } finally {
      io.close();
    }
  }

  @Test
  void zeroTurnsItOffAndNegativeIsRefused() {
    assertThat(ConnectionWarmup.once(0)).isZero();
    assertThat(ServerOptions.builder().warmUpConnections(0).build().warmUpConnections()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ServerOptions.builder().warmUpConnections(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warmUpConnections must be >= 0, got -1");
  }
}
