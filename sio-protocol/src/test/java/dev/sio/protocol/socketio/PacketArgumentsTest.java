package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketArgumentsTest {
  private final ObjectMapper mapper = new ObjectMapper();

  record Point(int x, int y) {}

  @Test
  void binaryValuesBecomeBinaryNodesAnywhereAndBuffersAreNotConsumed() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});
    ArrayNode array =
        PacketArguments.toArray(
            mapper, "event", new Object[] {new byte[] {9}, buffer, Map.of("k", List.of(1)), null});

    assertThat(array.get(0).asText()).isEqualTo("event");
    assertThat(array.get(1).isBinary()).isTrue();
    assertThat(array.get(2).isBinary()).isTrue();
    assertThat(buffer.remaining()).isEqualTo(3);
    assertThat(array.get(3).toString()).isEqualTo("{\"k\":[1]}");
    assertThat(array.get(4).isNull()).isTrue();
    assertThat(PacketArguments.toArray(mapper, null, new Object[] {1}).toString()).isEqualTo("[1]");
  }

  @Test
  void bindsRecordsBytesAndTreesAndSaysWhatDoesNotFit() throws Exception {
    JsonNode point = mapper.readTree("{\"x\":1,\"y\":2}");
    assertThat(PacketArguments.bind(mapper, point, Point.class)).isEqualTo(new Point(1, 2));
    assertThat(PacketArguments.bind(mapper, point, JsonNode.class)).isSameAs(point);
    JsonNode bytes = PacketArguments.toNode(mapper, new byte[] {7, 8});
    assertThat(PacketArguments.bind(mapper, bytes, byte[].class)).containsExactly(7, 8);
    assertThat(PacketArguments.bind(mapper, bytes, ByteBuffer.class).remaining()).isEqualTo(2);
    assertThatThrownBy(() -> PacketArguments.bind(mapper, mapper.readTree("\"a\""), Point.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot bind STRING to " + Point.class.getName() + ": ");
  }
}
