package dev.sio.redis;

import dev.sio.cluster.ClusterProtocol;

/**
 * A Redis Cluster node killed under traffic with the sharded adapter: the owner of the main
 * channel's slot, and the room's channel on it too.
 */
class ShardedClusterNodeFaultTest extends RedisClusterFaultContract {
  private String room;

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.sharded(options);
  }

  @Override
  RedisProcess victim() {
    return cluster.ownerOf(ClusterProtocol.mainChannel(prefix, "/"));
  }

  @Override
  String room() {
    if (room == null) {
      int port = victim().port();
      for (int i = 0; room == null; i++) {
        String r = "room" + i;
        if (cluster.ownerOf(ClusterProtocol.subChannel(prefix, "/", r)).port() == port) {
          room = r;
        }
      }
    }
    return room;
  }
}
