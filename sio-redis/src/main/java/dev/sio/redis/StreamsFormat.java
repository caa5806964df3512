package dev.sio.redis;

/**
 * Which {@code @socket.io/redis-streams-adapter} the streams adapter speaks; every server of a
 * cluster must use the same.
 */
public enum StreamsFormat {
  /**
   * 0.3: broadcasts, joins, leaves and disconnects in the stream; requests and responses over
   * (sharded) pub/sub; the server count from {@code PUBSUB NUMSUB}.
   */
  V0_3,
  /**
   * 0.2: every message in the stream, heartbeats included ({@code ClusterAdapterWithHeartbeat}):
   * the server count is the number of servers heard from within {@link
   * RedisAdapterOptions#heartbeatTimeout()}. No {@code streamCount}, no pub/sub.
   */
  V0_2
}
