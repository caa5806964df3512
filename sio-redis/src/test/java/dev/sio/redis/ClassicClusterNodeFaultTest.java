package dev.sio.redis;

import dev.sio.redis.internal.ClassicProtocol;

/**
 * A Redis Cluster node killed under traffic with the classic adapter: the node A publishes to and
 * subscribes on (keyless commands go to one node, whose cluster bus forwards PUBLISH).
 */
class ClassicClusterNodeFaultTest extends RedisClusterFaultContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Override
  RedisProcess victim() {
    String channel = ClassicProtocol.broadcastChannel(prefix, "/") + "*";
    RedisProcess most = null;
    int max = -1;
    for (RedisProcess n : cluster.nodes()) {
      String reply = n.command("PUBSUB NUMPAT");
      System.out.println("node " + n.port() + " NUMPAT " + reply.trim() + " for " + channel);
      int count = Integer.parseInt(reply.trim().substring(1));
      if (count > max) {
        max = count;
        most = n;
      }
    }
    return most;
  }
}
