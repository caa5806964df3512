package dev.sio.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options' defaults are the Node adapter's, and {@code build()} names what is wrong. */
class PostgresAdapterOptionsTest {
  @Test
  void defaultsAreTheNodeAdapters() {
    PostgresAdapterOptions o = PostgresAdapterOptions.builder().build();
    assertThat(o.channelPrefix()).isEqualTo("socket.io");
    assertThat(o.tableName()).isEqualTo("socket_io_attachments");
    assertThat(o.payloadThreshold()).isEqualTo(8000);
    assertThat(o.cleanupInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.requestsTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.offlineQueueSize()).isEqualTo(10_000);
    assertThat(o.offlineQueueBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(o.reconnectDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.createTable()).isTrue();
  }

  @Test
  void buildNamesTheBadOption() {
    assertThatThrownBy(() -> PostgresAdapterOptions.builder().tableName("x; DROP TABLE y").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tableName must be an SQL identifier (letters, digits, _ and $, optionally"
                + " schema.table), got x; DROP TABLE y");
    assertThat(PostgresAdapterOptions.builder().tableName("app.attachments").build().tableName())
        .isEqualTo("app.attachments");
    assertThatThrownBy(() -> PostgresAdapterOptions.builder().url("jdbc:mysql://h/db").build())
        .hasMessage("url must be a jdbc:postgresql: URL, got jdbc:mysql://h/db");
    assertThatThrownBy(() -> PostgresAdapterOptions.builder().payloadThreshold(0).build())
        .hasMessage("payloadThreshold must be positive, got 0");
    assertThatThrownBy(
            () -> PostgresAdapterOptions.builder().heartbeatInterval(Duration.ZERO).build())
        .hasMessage("heartbeatInterval must be positive, got PT0S");
    assertThatThrownBy(() -> PostgresAdapterOptions.builder().channelPrefix("").build())
        .hasMessage("channelPrefix must not be empty");
    assertThatThrownBy(() -> PostgresAdapterOptions.builder().offlineQueueSize(-1).build())
        .hasMessage("offlineQueueSize must not be negative, got -1");
  }
}
