package dev.sio.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A local Redis Cluster of three masters and no replicas, started by a test: three {@code
 * redis-server --cluster-enabled yes} on free loopback ports (each with its bus on port + 10000),
 * each in its own temporary directory where it keeps {@code nodes.conf}, joined by {@code redis-cli
 * --cluster create}. A node is declared failed after {@link #NODE_TIMEOUT_MS} without answers; one
 * killed ({@link RedisProcess#kill()}) and started again comes back with its id and slots (its data
 * is gone: no persistence). Every wait is bounded.
 */
public final class RedisClusterProcess implements AutoCloseable {
  /** {@code cluster-node-timeout}: after how long without answers a node is failed. */
  public static final int NODE_TIMEOUT_MS = 2000;

  private final List<RedisProcess> nodes;

  private RedisClusterProcess(List<RedisProcess> nodes) {
    this.nodes = nodes;
  }

  /** Starts three masters and creates the cluster; returns once every node says it is ok. */
  public static RedisClusterProcess start() {
    List<RedisProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(
            RedisProcess.server(
                    freeClusterPort(),
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    Integer.toString(NODE_TIMEOUT_MS))
                .start());
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      for (RedisProcess n : nodes) {
        create.add("127.0.0.1:" + n.port());
      }
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "redis-cli --cluster create failed: " + new String(out, StandardCharsets.UTF_8));
      }
      RedisClusterProcess cluster = new RedisClusterProcess(nodes);
      cluster.awaitOk();
      return cluster;
    } catch (IOException | RuntimeException e) {
      nodes.forEach(RedisProcess::close);
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      nodes.forEach(RedisProcess::close);
      throw new IllegalStateException(e);
    }
  }

  /** A free loopback port whose bus port (+10000) is free too. */
  private static int freeClusterPort() {
    for (int i = 0; i < 100; i++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 30000);
      if (free(port) && free(port + 10000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The nodes. */
  public List<RedisProcess> nodes() {
    return nodes;
  }

  /** The seeds to give the adapter: {@code 127.0.0.1:port} of every node. */
  public List<String> seeds() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.port()).toList();
  }

  /** The node that owns the slot of {@code key} (a shard channel, a stream key). */
  public RedisProcess ownerOf(String key) {
    String slot = nodes.get(0).command("CLUSTER KEYSLOT " + key).trim().substring(1);
    for (RedisProcess n : nodes) {
      if (n.isAlive()) {
        String shards = n.command("CLUSTER SLOTS");
        if (!shards.isEmpty()) {
          return ownerIn(shards, Integer.parseInt(slot));
        }
      }
    }
    throw new IllegalStateException("no node answers CLUSTER SLOTS");
  }

  private RedisProcess ownerIn(String slots, int slot) {
    // RedisProcess flattens the reply: start, end, then host, port, id of each node of the range
    String[] lines = slots.split("\n");
    for (int i = 0; i + 3 < lines.length; i++) {
      if (lines[i].startsWith(":") && lines[i + 1].startsWith(":")) {
        int start = Integer.parseInt(lines[i].substring(1));
        int end = Integer.parseInt(lines[i + 1].substring(1));
        if (slot >= start && slot <= end) {
          int port = Integer.parseInt(lines[i + 3].substring(1));
          return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
        }
      }
    }
    throw new IllegalStateException("no owner of slot " + slot + " in " + slots);
  }

  /**
   * Moves the (keyless) slot of {@code key} to {@code target}, as {@code redis-cli --cluster
   * reshard} does: IMPORTING on the target, MIGRATING on the owner, then NODE on every node.
   */
  public void moveSlot(String key, RedisProcess target) {
    String slot = nodes.get(0).command("CLUSTER KEYSLOT " + key).trim().substring(1);
    RedisProcess owner = ownerOf(key);
    String ownerId = owner.command("CLUSTER MYID").trim();
    String targetId = target.command("CLUSTER MYID").trim();
    expectOk(target.command("CLUSTER SETSLOT " + slot + " IMPORTING " + ownerId));
    expectOk(owner.command("CLUSTER SETSLOT " + slot + " MIGRATING " + targetId));
    expectOk(target.command("CLUSTER SETSLOT " + slot + " NODE " + targetId));
    expectOk(owner.command("CLUSTER SETSLOT " + slot + " NODE " + targetId));
    for (RedisProcess n : nodes) {
      if (n != owner && n != target) {
        expectOk(n.command("CLUSTER SETSLOT " + slot + " NODE " + targetId));
      }
    }
    awaitOk();
  }

  private static void expectOk(String reply) {
    if (!reply.startsWith("+OK")) {
      throw new IllegalStateException("CLUSTER SETSLOT answered " + reply);
    }
  }

  /** Waits (30 s at most) until every running node says {@code cluster_state:ok}. */
  public void awaitOk() {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      boolean ok = true;
      for (RedisProcess n : nodes) {
        ok &= n.isAlive() && n.command("CLUSTER INFO").contains("cluster_state:ok");
      }
      if (ok) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the cluster is not ok within 30 s");
  }

  /** Stops every node. */
  @Override
  public void close() {
    nodes.forEach(RedisProcess::close);
  }
}
