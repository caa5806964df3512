package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.protocol.socketio.JsonParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

  @Test
  void nodesDefaults() {
    ServerOptions o = ServerOptions.defaults();
    assertThat(o.path()).isEqualTo("/socket.io/");
    assertThat(o.serveClient()).isTrue();
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofMillis(45_000));
    assertThat(o.parser()).isInstanceOf(JsonParser.class);
    assertThat(o.connectionStateRecovery()).isNull();
    assertThat(o.cleanupEmptyChildNamespaces()).isFalse();
    assertThat(o.engine().pingIntervalMillis()).isEqualTo(25_000);
    assertThat(o.engine().pingTimeoutMillis()).isEqualTo(20_000);
    assertThat(o.engine().maxHttpBufferSize()).isEqualTo(1_000_000);
    assertThat(RecoveryOptions.defaults())
        .isEqualTo(new RecoveryOptions(Duration.ofMinutes(2), true));
  }

  @Test
  void recoveryShortcutAndEngineOptions() {
    ServerOptions o =
        ServerOptions.builder()
            .path("/io")
            .connectionStateRecovery(Duration.ofSeconds(30))
            .pingInterval(Duration.ofSeconds(1))
            .port(1234)
            .build();
    assertThat(o.path()).isEqualTo("/io/");
    assertThat(o.connectionStateRecovery().maxDisconnectionDuration())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(o.connectionStateRecovery().skipMiddlewares()).isTrue();
    assertThat(o.engine().pingIntervalMillis()).isEqualTo(1000);
    assertThat(o.listener().port()).isEqualTo(1234);
  }

  @Test
  void invalidValuesSayWhatIsWrong() {
    assertThatThrownBy(() -> ServerOptions.builder().connectTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> new RecoveryOptions(Duration.ofSeconds(-1), true))
        .hasMessage("maxDisconnectionDuration must be positive, got PT-1S");
  }
}
