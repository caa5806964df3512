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

  @Test
  void theLinkOptionsDefaultToNodeRedisAndTheStreamsOptionsToTheNodeAdapter() {
    RedisAdapterOptions o = RedisAdapterOptions.builder().build();
    assertThat(o.reconnectDelayStep()).isEqualTo(Duration.ofMillis(50));
    assertThat(o.reconnectDelayMax()).isEqualTo(Duration.ofMillis(200));
    assertThat(o.offlineQueueSize()).isEqualTo(10_000);
    assertThat(o.offlineQueueBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(o.offlineQueueTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.sentinels()).isEmpty();
    assertThat(o.sentinelMasterName()).isNull();
    assertThat(o.clusterNodes()).isEmpty();
    assertThat(o.streamCount()).isEqualTo(1);
    assertThat(o.useShardedPubSub()).isFalse();
    assertThat(o.streamsFormat()).isEqualTo(StreamsFormat.V0_3);
    assertThat(o.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aSentinelUriNamesTheMasterAndKeepsThePassword() {
    RedisAdapterOptions o =
        RedisAdapterOptions.builder()
            .uri("redis://:secret@ignored:1/3")
            .sentinel("mymaster", java.util.List.of("10.0.0.1:26379", "10.0.0.2:26380"))
            .build();
    var settings = dev.sio.redis.internal.LinkSettings.of(o);
    assertThat(settings.uri().getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(settings.uri().getSentinels())
        .extracting(u -> u.getHost() + ":" + u.getPort())
        .containsExactly("10.0.0.1:26379", "10.0.0.2:26380");
    assertThat(settings.uri().getDatabase()).isEqualTo(3);
    assertThat(settings.uri().getCredentialsProvider()).isNotNull();
    assertThat(settings.where())
        .isEqualTo("master mymaster of sentinels 10.0.0.1:26379,10.0.0.2:26380")
        .doesNotContain("secret");
  }

  @Test
  void clusterSeedsKeepThePasswordAndTlsOfTheUri() {
    RedisAdapterOptions o =
        RedisAdapterOptions.builder()
            .uri("rediss://:secret@ignored:1")
            .cluster(java.util.List.of("10.0.0.1:7000", "10.0.0.2:7001"))
            .build();
    var settings = dev.sio.redis.internal.LinkSettings.of(o);
    assertThat(settings.clusterNodes())
        .extracting(u -> u.getHost() + ":" + u.getPort())
        .containsExactly("10.0.0.1:7000", "10.0.0.2:7001");
    assertThat(settings.clusterNodes())
        .allSatisfy(
            u -> {
              assertThat(u.isSsl()).isTrue();
              assertThat(u.getCredentialsProvider()).isNotNull();
            });
    assertThat(settings.where())
        .isEqualTo("cluster 10.0.0.1:7000,10.0.0.2:7001")
        .doesNotContain("secret");
  }

  @Test
  void invalidClusterOptionsAreNamed() {
    assertThatThrownBy(
            () -> RedisAdapterOptions.builder().cluster(java.util.List.of("h:x")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cluster node must be host:port, not \"h:x\"");
    assertThatThrownBy(
            () ->
                RedisAdapterOptions.builder()
                    .sentinel("m", java.util.List.of("h:1"))
                    .cluster(java.util.List.of("h:2"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sentinels and cluster nodes exclude each other");
  }

  @Test
  void invalidLinkAndStreamsOptionsAreNamed() {
    assertThatThrownBy(
            () -> RedisAdapterOptions.builder().sentinel("", java.util.List.of("h:1")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sentinelMasterName must not be empty when sentinels are set");
    assertThatThrownBy(
            () -> RedisAdapterOptions.builder().sentinel("m", java.util.List.of("h")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sentinel must be host:port, not \"h\"");
    assertThatThrownBy(() -> RedisAdapterOptions.builder().offlineQueueSize(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offlineQueueSize must not be negative");
    assertThatThrownBy(
            () ->
                RedisAdapterOptions.builder()
                    .reconnectDelay(Duration.ofMillis(50), Duration.ZERO)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconnectDelay needs a step >= 0 and a positive maximum");
    assertThatThrownBy(() -> RedisAdapterOptions.builder().streamCount(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamCount must be positive");
    assertThatThrownBy(
            () ->
                RedisAdapterOptions.builder()
                    .streamsFormat(StreamsFormat.V0_2)
                    .streamCount(2)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamCount and useShardedPubSub need streamsFormat V0_3");
    assertThatThrownBy(
            () ->
                RedisAdapterOptions.builder()
                    .heartbeatInterval(Duration.ofSeconds(5))
                    .heartbeatTimeout(Duration.ofSeconds(5))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("heartbeatTimeout must be longer than heartbeatInterval");
  }
}
