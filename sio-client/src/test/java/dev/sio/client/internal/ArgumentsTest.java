package dev.sio.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ArgumentsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Photo(String name, byte[] data) {}

  @Test
  void binaryBecomesBinaryNodesAnywhere() {
    ArrayNode data =
        Arguments.event(
            MAPPER,
            "upload",
            new Object[] {
              new byte[] {1, 2},
              ByteBuffer.wrap(new byte[] {9, 3, 4}, 1, 2),
              Map.of("nested", List.of(new byte[] {5})),
              new Photo("cat", new byte[] {6})
            });
    assertThat(data.get(0).asText()).isEqualTo("upload");
    assertThat(data.get(1).isBinary()).isTrue();
    assertThat(data.get(2).isBinary()).isTrue();
    assertThat(bytes(data.get(2))).containsExactly(3, 4);
    assertThat(data.get(3).path("nested").get(0).isBinary()).isTrue();
    assertThat(data.get(4).path("data").isBinary()).isTrue();
    assertThat(bytes(data.get(4).path("data"))).containsExactly(6);
  }

  @Test
  void bindsRecordsBytesAndNodes() {
    JsonNode photo = Arguments.toNode(MAPPER, new Photo("cat", new byte[] {7}));
    Photo back = Arguments.bind(MAPPER, photo, Photo.class);
    assertThat(back.name()).isEqualTo("cat");
    assertThat(back.data()).containsExactly(7);
    assertThat(Arguments.bind(MAPPER, Arguments.toNode(MAPPER, new byte[] {8}), byte[].class))
        .containsExactly(8);
    assertThat(Arguments.bind(MAPPER, photo, JsonNode.class)).isSameAs(photo);
    assertThat(Arguments.bind(MAPPER, null, String.class)).isNull();
  }

  @Test
  void aMismatchSaysWhatCouldNotBeBound() {
    assertThatThrownBy(() -> Arguments.bind(MAPPER, MAPPER.createArrayNode().add(1), Photo.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot bind ARRAY to " + Photo.class.getName());
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
