package dev.sio.cluster.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.protocol.socketio.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as {@code JSON.stringify}/{@code JSON.parse} write and read it between cluster nodes:
 * compact, integral numbers without a fraction, and binary as Node's {@code
 * {"type":"Buffer","data":[...]}} (which does not turn back into binary on the other side).
 */
public final class JsonValues {
  /** Shared, thread-safe mapper (Sio's default: dates as JavaScript writes them). */
  public static final ObjectMapper MAPPER = JsonParser.newMapper();

  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final double MAX_SAFE = 9007199254740992d;

  private JsonValues() {}

  /** True when {@code bytes} is JSON by the adapters' rule: its first byte is <code>{</code>. */
  public static boolean looksLikeJson(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == '{';
  }

  /**
   * Parses JSON text.
   *
   * @throws IllegalArgumentException when it is not valid JSON
   */
  public static JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON payload");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "invalid JSON payload: "
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : e.getMessage()),
          e);
    }
  }

  /** Parses JSON text; see {@link #parse(byte[])}. */
  public static JsonNode parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code JSON.stringify(value)} as UTF-8 bytes. */
  public static byte[] stringify(JsonNode value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new IllegalStateException("JSON encoding failed", e); // in-memory: cannot happen
    }
    return out.toByteArray();
  }

  /** {@code JSON.stringify(value)} as a string. */
  public static String stringifyToString(JsonNode value) {
    return new String(stringify(value), StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator g, JsonNode v) throws IOException {
    if (v == null || v.isNull() || v.isMissingNode()) {
      g.writeNull();
    } else if (v.isTextual()) {
      g.writeString(v.textValue());
    } else if (v.isBoolean()) {
      g.writeBoolean(v.booleanValue());
    } else if (v.isIntegralNumber()) {
      g.writeNumber(v.bigIntegerValue());
    } else if (v.isNumber()) {
      double d = v.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        g.writeNull(); // as JSON.stringify does
      } else if (d == Math.rint(d) && Math.abs(d) < MAX_SAFE) {
        g.writeNumber((long) d);
      } else {
        g.writeNumber(d);
      }
    } else if (v.isBinary()) {
      g.writeStartObject();
      g.writeStringField("type", "Buffer");
      g.writeArrayFieldStart("data");
      for (byte b : v.binaryValue()) {
        g.writeNumber(b & 0xff);
      }
      g.writeEndArray();
      g.writeEndObject();
    } else if (v.isArray()) {
      g.writeStartArray();
      for (JsonNode child : v) {
        write(g, child);
      }
      g.writeEndArray();
    } else if (v.isObject()) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isMissingNode()) {
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
      }
      g.writeEndObject();
    } else {
      g.writeString(v.asText());
    }
  }
}
