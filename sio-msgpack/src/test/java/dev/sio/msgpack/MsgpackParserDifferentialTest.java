package dev.sio.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.Vectors;
import dev.sio.protocol.socketio.internal.PayloadRules;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our decoder against npm socket.io-msgpack-parser on 1500 mutated packets recorded by
 * generate-vectors.js: what Node refuses we refuse; what Node accepts we decode to the same packet,
 * or refuse for one of the reasons we are stricter ({@link #stricterReason}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MsgpackParserDifferentialTest {
  private static final JsonNode VECTORS = Vectors.load("/vectors/socketio-msgpack.json");

  private final MsgpackParser parser = MsgpackParser.create();

  @Test
  void refusesWhatNodeRefusesAndDecodesWhatNodeDecodes() {
    List<String> problems = new ArrayList<>();
    int agreedAccepts = 0;
    for (JsonNode c : VECTORS.get("differential")) {
      String hex = c.get("input").get("$bin").textValue();
      SocketPacket ours = null;
      String ourError = null;
      try {
        ours = parser.newDecoder().decode(HexFormat.of().parseHex(hex));
      } catch (ProtocolException e) {
        ourError = e.getMessage();
      }
      if (c.has("nodeError")) {
        if (ourError == null) {
          problems.add("we accept what Node refuses (" + c.get("nodeError") + "): " + hex);
        }
        continue;
      }
      JsonNode nodePacket = c.get("nodeDecoded").get(0);
      if (ourError != null) {
        if (!stricterReason(ourError, nodePacket)) {
          problems.add("we refuse " + hex + " (" + ourError + "), Node decodes " + nodePacket);
        }
        continue;
      }
      SocketPacket node = Vectors.packet(nodePacket);
      if (ours.type() != node.type()
          || !ours.namespace().equals(node.namespace())
          || (double) ours.id() != (double) node.id()
          || !sameData(ours.data(), node.data())) {
        problems.add("we decode " + hex + " to " + ours + ", Node to " + nodePacket);
      } else {
        agreedAccepts++;
      }
    }
    assertThat(problems).isEmpty();
    assertThat(agreedAccepts).isGreaterThan(40);
  }

  /**
   * Where we refuse what npm socket.io-msgpack-parser lets through, checked against what Node
   * decoded: events without a name or with a reserved one, negative ids, namespaces without '/',
   * extension types notepack only reads as [type, bytes], map keys that are neither strings nor
   * integers.
   */
  private static boolean stricterReason(String ourError, JsonNode node) {
    JsonNode data = node.get("data");
    if (ourError.startsWith("invalid payload: EVENT") || ourError.contains("reserved event")) {
      JsonNode name = data != null && data.isArray() && data.size() > 0 ? data.get(0) : null;
      return node.get("type").intValue() == 2
          && (name == null
              || !(name.isTextual() || name.isNumber())
              || PayloadRules.RESERVED_EVENTS.contains(name.asText()));
    }
    if (ourError.startsWith("invalid packet id")) {
      return node.has("id") && node.get("id").asDouble() < 0;
    }
    if (ourError.startsWith("invalid namespace")) {
      return !node.get("nsp").asText().startsWith("/");
    }
    return ourError.startsWith("invalid msgpack: unsupported extension type")
        || ourError.equals("invalid msgpack: a map key must be a string or an integer");
  }

  /** Equal data, numbers as JavaScript doubles; Node's JSON writes NaN and Infinity as null. */
  private static boolean sameData(JsonNode ours, JsonNode node) {
    if (ours == null || node == null) {
      return ours == node;
    }
    return ours.equals(
        (x, y) -> {
          if (x.isNumber() && y.isNumber()) {
            return Double.compare(x.doubleValue(), y.doubleValue());
          }
          if (x.isNumber() && y.isNull() && !Double.isFinite(x.doubleValue())) {
            return 0;
          }
          return x.equals(y) ? 0 : 1;
        },
        node);
  }
}
