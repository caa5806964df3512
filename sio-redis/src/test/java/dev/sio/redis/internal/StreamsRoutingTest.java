package dev.sio.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.WireOptions;
import dev.sio.redis.SubscriptionMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pure rules of the sharded and streams adapters: channels, replay filter, offsets. */
@Timeout(10)
class StreamsRoutingTest {
  private static ClusterMessage broadcast(String requestId, List<String> rooms) {
    return new ClusterMessage(
        "0123456789abcdef",
        "/",
        ClusterProtocol.BROADCAST,
        ClusterMessage.broadcast(
            JsonNodeFactory.instance.objectNode(), requestId, WireOptions.of(rooms, List.of())));
  }

  @Test
  void shardedChannelsFollowTheSubscriptionMode() {
    assertThat(ShardedRouting.looksLikeSocketId("abcdefghij0123456789")).isTrue();
    var oneRoom = broadcast(null, List.of("room1"));
    var socketRoom = broadcast(null, List.of("abcdefghij0123456789"));
    var twoRooms = broadcast(null, List.of("a", "b"));
    var withAck = broadcast("r", List.of("room1"));
    assertThat(ShardedRouting.channelFor("p", SubscriptionMode.DYNAMIC, oneRoom))
        .isEqualTo("p#/#room1#");
    assertThat(ShardedRouting.channelFor("p", SubscriptionMode.DYNAMIC, socketRoom))
        .isEqualTo("p#/#");
    assertThat(ShardedRouting.channelFor("p", SubscriptionMode.DYNAMIC_PRIVATE, socketRoom))
        .isEqualTo("p#/#abcdefghij0123456789#");
    assertThat(ShardedRouting.channelFor("p", SubscriptionMode.STATIC, oneRoom)).isEqualTo("p#/#");
    assertThat(ShardedRouting.channelFor("p", SubscriptionMode.DYNAMIC, twoRooms))
        .isEqualTo("p#/#");
    assertThat(ShardedRouting.channelFor("p", SubscriptionMode.DYNAMIC_PRIVATE, withAck))
        .isEqualTo("p#/#");
    assertThat(ShardedRouting.hasOwnChannel(SubscriptionMode.DYNAMIC, true)).isFalse();
    assertThat(ShardedRouting.hasOwnChannel(SubscriptionMode.DYNAMIC, false)).isTrue();
    assertThat(ShardedRouting.hasOwnChannel(SubscriptionMode.DYNAMIC_PRIVATE, true)).isTrue();
    assertThat(ShardedRouting.hasOwnChannel(SubscriptionMode.STATIC, false)).isFalse();
  }

  @Test
  void missedPacketsAreFilteredAsNodeDoes() {
    List<String> session = List.of("sid1", "room-csr");
    assertThat(StreamsRedisAdapter.shouldInclude(session, WireOptions.of(List.of(), List.of())))
        .isTrue();
    assertThat(
            StreamsRedisAdapter.shouldInclude(
                session, WireOptions.of(List.of("room-csr", "x"), List.of())))
        .isTrue();
    assertThat(StreamsRedisAdapter.shouldInclude(session, WireOptions.of(List.of("x"), List.of())))
        .isFalse();
    assertThat(
            StreamsRedisAdapter.shouldInclude(
                session, WireOptions.of(List.of(), List.of("room-csr"))))
        .isFalse();
  }

  @Test
  void nextOffsetIsTheFollowingSequence() {
    assertThat(StreamsRedisAdapter.nextOffset("1795298464905-0")).isEqualTo("1795298464905-1");
    assertThat(StreamsRedisAdapter.nextOffset("17-41")).isEqualTo("17-42");
  }
}
