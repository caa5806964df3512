package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our decoder against Node's on 1500 mutated packets recorded by generate-vectors.js: whatever
 * Node's decoder refuses, or decodes into a packet its {@code isPacketValid} refuses, we refuse;
 * whatever it accepts as valid, we decode to the same packet, except for the few inputs where Node
 * reads nonsense (listed in {@link #nodeReadsNonsense}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonParserDifferentialTest {
  private static final JsonNode VECTORS = Vectors.load("/vectors/socketio-json.json");

  /** A type digit, then for binary types a count Node reads with Number() but is not digits. */
  private static final Pattern LOOSE_COUNT =
      Pattern.compile("^[56](?![0-9]+-)[^-]*-.*", Pattern.DOTALL);

  private final JsonParser parser = JsonParser.create();

  @Test
  void refusesWhatNodeRefusesAndDecodesWhatNodeDecodes() {
    List<String> problems = new ArrayList<>();
    int agreedAccepts = 0;
    for (JsonNode c : VECTORS.get("differential")) {
      String input = c.get("input").textValue();
      SocketPacket ours;
      String ourError = null;
      try {
        ours = decode(input, c.get("attachments").intValue());
      } catch (ProtocolException e) {
        ours = null;
        ourError = e.getMessage();
      }
      boolean nodeAccepts = !c.has("nodeError") && c.get("nodeValid").booleanValue();
      if (!nodeAccepts) {
        if (ourError == null) {
          problems.add("we accept what Node refuses: " + quote(input) + " -> " + ours);
        }
        continue;
      }
      if (nodeReadsNonsense(input)) {
        continue;
      }
      SocketPacket node = Vectors.packet(c.get("nodeDecoded"));
      if (ourError != null) {
        problems.add("we refuse " + quote(input) + " (" + ourError + "), Node decodes " + node);
      } else if (!same(ours, node)) {
        problems.add("we decode " + quote(input) + " to " + ours + ", Node to " + node);
      } else {
        agreedAccepts++;
      }
    }
    assertThat(problems).isEmpty();
    assertThat(agreedAccepts).isGreaterThan(150); // 186 of the recorded inputs
  }

  /**
   * Inputs where Node's decoder turns nonsense into a packet and we refuse or read it plainly: the
   * empty string or a whitespace type (Node: CONNECT, as Number("") and Number(" ") are 0),
   * whitespace before or after the ack id digits (Node reads it as part of the id), an attachment
   * count that is not plain digits ("5 1-", "51e0-"), and ids beyond a long.
   */
  static boolean nodeReadsNonsense(String input) {
    if (input.isEmpty() || Character.isWhitespace(input.charAt(0))) {
      return true;
    }
    if (LOOSE_COUNT.matcher(input).matches()) {
      return true;
    }
    if (input.matches("(?s)[0-9]*(-[^,]*,)?[0-9]{19,}.*")) {
      return true; // an ack id beyond a long
    }
    // where an ack id may start: after the type, the "<count>-" and the "/nsp,"
    int i = 1;
    if (input.charAt(0) == '5' || input.charAt(0) == '6') {
      i = input.indexOf('-') + 1;
    }
    if (i < input.length() && input.charAt(i) == '/') {
      int comma = input.indexOf(',', i);
      i = comma < 0 ? input.length() : comma + 1;
    }
    while (i < input.length() && Character.isDigit(input.charAt(i))) {
      i++; // Node's id loop runs on through whitespace: "04 " is CONNECT with id 4 to it
    }
    return i < input.length() && Character.isWhitespace(input.charAt(i));
  }

  private SocketPacket decode(String text, int attachments) throws ProtocolException {
    Parser.Decoder decoder = parser.newDecoder();
    SocketPacket packet = decoder.decode(text);
    for (int i = 0; packet == null && i < attachments; i++) {
      packet = decoder.decode(new byte[] {1});
    }
    return packet;
  }

  /**
   * Same packet; numbers compare as JavaScript doubles (Node rounds integers beyond 2^53, where Sio
   * keeps every digit), everything else exactly.
   */
  private static boolean same(SocketPacket ours, SocketPacket node) {
    return ours != null
        && ours.type() == node.type()
        && ours.namespace().equals(node.namespace())
        && (double) ours.id() == (double) node.id()
        && (ours.data() == null
            ? node.data() == null
            : node.data() != null
                && ours.data()
                    .equals(
                        (x, y) ->
                            x.isNumber() && y.isNumber()
                                ? Double.compare(x.doubleValue(), y.doubleValue())
                                : x.equals(y) ? 0 : 1,
                        node.data()));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\t", "\\t") + "\"";
  }
}
