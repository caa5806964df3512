package dev.sio.redis;

/** A Redis Cluster node killed under traffic with the streams adapter: the stream's owner. */
class StreamsClusterNodeFaultTest extends RedisClusterFaultContract {
  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.streams(options);
  }

  @Override
  RedisProcess victim() {
    return cluster.ownerOf(prefix + "-stream");
  }
}
