package dev.sio.interop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.interop.NodeScript;
import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.redis.RedisEmitter;
import dev.sio.redis.RedisEmitterOptions;
import dev.sio.redis.TestClient;
import dev.sio.server.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Node.js server and a Sio server sharing Redis through the classic adapter. */
class ClassicMixedClusterIT extends MixedClusterContract {
  @Override
  String kind() {
    return "classic";
  }

  @Override
  RedisAdapterFactory factory(RedisAdapterOptions options) {
    return RedisAdapterFactory.classic(options);
  }

  @Test
  void theNpmEmitterReachesSioClientsAndServers() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    TestClient java = sioClient("room1");
    NodeScript emitter = NodeScript.start("cluster/node-emitter.js", "--prefix", prefix);
    closeables.add(emitter);
    emitter.await("ready", WAIT);

    ObjectNode emit = nodeCommand("emit", "room1").put("name", "from-emitter");
    emit.putArray("args").add("hi").add(7).addObject().put("$bin", "AQID");
    emitter.send(emit);
    TestClient.Event e = java.next();
    assertThat(e.name()).isEqualTo("from-emitter");
    assertThat(e.arg(1).asInt()).isEqualTo(7);
    assertThat(e.arg(2).binaryValue()).containsExactly(1, 2, 3);
    assertThat(message(npm, "from-emitter").path("args").get(0).asText()).isEqualTo("hi");

    Socket onSio = socketOf(java);
    emitter.send(nodeCommand("socketsJoin", java.sid).put("join", "em-room"));
    await(() -> onSio.rooms().contains("em-room"), "joined by the emitter");
    emitter.send(nodeCommand("socketsLeave", java.sid).put("leave", "em-room"));
    await(() -> !onSio.rooms().contains("em-room"), "left by the emitter");

    ObjectNode sse = NodeScript.command("serverSideEmit").put("name", "ping");
    sse.putArray("args").add("from-emitter");
    emitter.send(sse);
    List<JsonNode> got = sioServerSideEmits.poll(5, TimeUnit.SECONDS);
    assertThat(got).isNotNull();
    assertThat(got.get(0).asText()).isEqualTo("from-emitter");

    emitter.send(nodeCommand("disconnectSockets", java.sid));
    assertThat(java.awaitDisconnect(10_000)).isTrue();
  }

  @Test
  void theSioEmitterReachesNodeClientsAndServers() throws Exception {
    NodeScript npm = npmClient("N", "room1");
    try (RedisEmitter emitter =
        RedisEmitter.create(RedisEmitterOptions.builder().keyPrefix(prefix).build())) {
      emitter.to("room1").emit("from-java-emitter", "hi", new byte[] {9}).get(5, TimeUnit.SECONDS);
      assertThat(message(npm, "from-java-emitter").path("args").toString())
          .isEqualTo("[\"hi\",{\"$bin\":\"CQ==\"}]");
      String npmId = idOf(npm);
      emitter.in(npmId).socketsJoin("j-room").get(5, TimeUnit.SECONDS);
      await(() -> nodeRooms(npmId).contains("j-room"), "joined by the Java emitter");
      emitter.serverSideEmit("ping", "from-java-emitter").get(5, TimeUnit.SECONDS);
      assertThat(node.await("sse", WAIT).path("args").get(0).asText())
          .isEqualTo("from-java-emitter");
      emitter.in(npmId).disconnectSockets(true).get(5, TimeUnit.SECONDS);
      assertThat(npm.await("disconnect", WAIT).path("reason").asText())
          .isIn("io server disconnect", "transport close");
    }
  }
}
