package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The adapter options: Node's defaults, URI parsing, validation messages. */
@Timeout(10)
class RedisAdapterOptionsTest {
  @Test
  void defaultsAreNodes() {
    RedisAdapterOptions o = RedisAdapterOptions.builder().build();
    assertThat(o.keyPrefix()).isEqualTo("socket.io");
    assertThat(o.requestsTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.publishOnSpecificResponseChannel()).isFalse();
    assertThat(o.subscriptionMode()).isEqualTo(SubscriptionMode.DYNAMIC);
    assertThat(o.streamName()).isEqualTo("socket.io");
    assertThat(o.maxLen()).isEqualTo(10_000);
    assertThat(o.readCount()).isEqualTo(100);
    assertThat(o.blockTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.sessionKeyPrefix()).isEqualTo("sio:session:");
    assertThat(dev.sio.redis.internal.RedisErrors.parseUri(o.uri()).getHost())
        .isEqualTo("127.0.0.1");
    assertThat(dev.sio.redis.internal.RedisErrors.parseUri(o.uri()).getPort()).isEqualTo(6379);
  }

  @Test
  void theUriCarriesPasswordDatabaseAndTls() {
    RedisAdapterOptions o =
        RedisAdapterOptions.builder().uri("rediss://:secret@redis.example.com:6380/2").build();
    assertThat(dev.sio.redis.internal.RedisErrors.parseUri(o.uri()).isSsl()).isTrue();
    assertThat(dev.sio.redis.internal.RedisErrors.parseUri(o.uri()).getCredentialsProvider())
        .isNotNull();
    assertThat(dev.sio.redis.internal.RedisErrors.parseUri(o.uri()).getDatabase()).isEqualTo(2);
  }

  @Test
  void invalidOptionsAreNamed() {
    assertThatThrownBy(() -> RedisAdapterOptions.builder().keyPrefix("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyPrefix must not be empty");
    assertThatThrownBy(() -> RedisAdapterOptions.builder().requestsTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestsTimeout must be positive");
    assertThatThrownBy(() -> RedisAdapterOptions.builder().maxLen(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLen must be positive");
    assertThatThrownBy(() -> RedisAdapterOptions.builder().subscriptionMode(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subscriptionMode must not be null");
  }
}
