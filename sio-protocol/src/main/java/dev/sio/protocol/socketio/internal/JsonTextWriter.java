package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a Jackson tree as {@code JSON.stringify} writes the equivalent JavaScript value, in one
 * pass: same string escapes (lowercase hex in {@code \\u} escapes, lone surrogates escaped, no
 * {@code \/}), same number layout ({@link JsNumbers}), same key order ({@link JsKeyOrder}), missing
 * values dropped from objects and written {@code null} in arrays. Each {@code BinaryNode} becomes a
 * placeholder {@code {"_placeholder":true,"num":n}} numbered in depth-first order, as
 * socket.io-parser's {@code deconstructPacket} does, and its bytes are collected as an attachment.
 *
 * <p>One instance per thread (it holds its output buffer); not thread-safe.
 */
public final class JsonTextWriter {
  private static final int MAX_RETAINED_CAPACITY = 64 * 1024;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final ObjectMapper mapper;
  // Reused output buffer: touched only by the thread that owns this writer.
  private StringBuilder out = new StringBuilder(256);
  // Attachments of the packet being written, null until the first binary value: owner thread.
  private List<byte[]> attachments;
  // Whether binary values may appear in the value being written: owner thread.
  private boolean binaryAllowed;

  public JsonTextWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Clears the buffer for a new packet; {@code binaryAllowed} says if placeholders may appear. */
  public StringBuilder begin(boolean binaryAllowed) {
    if (out.capacity() > MAX_RETAINED_CAPACITY) {
      out = new StringBuilder(256);
    } else {
      out.setLength(0);
    }
    this.attachments = null;
    this.binaryAllowed = binaryAllowed;
    return out;
  }

  /** The text buffer of the packet being written. */
  public StringBuilder text() {
    return out;
  }

  /** The attachments collected since {@link #begin}, or {@code null} when there were none. */
  public List<byte[]> attachments() {
    return attachments;
  }

  /** Appends {@code node} as JSON. */
  public void write(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        writeString(node.textValue());
        break;
      case NUMBER:
        writeNumber(node);
        break;
      case BOOLEAN:
        out.append(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
      case MISSING:
        out.append("null");
        break;
      case ARRAY:
        writeArray(node);
        break;
      case OBJECT:
        writeObject(node);
        break;
      case BINARY:
        writeBinary(binaryOf(node));
        break;
      case POJO:
        writePojo(((POJONode) node).getPojo());
        break;
      default:
        throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
    }
  }

  private void writeArray(JsonNode array) {
    out.append('[');
    int size = array.size();
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      write(array.get(i));
    }
    out.append(']');
  }

  private void writeObject(JsonNode object) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : JsKeyOrder.fields(object)) {
      JsonNode value = field.getValue();
      if (value.isMissingNode()) {
        continue; // an undefined property: JSON.stringify leaves it out
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(field.getKey());
      out.append(':');
      write(value);
    }
    out.append('}');
  }

  private void writeBinary(byte[] bytes) {
    if (!binaryAllowed) {
      throw new IllegalArgumentException(
          "binary values may only be sent in EVENT and ACK packets (not in CONNECT, DISCONNECT or"
              + " CONNECT_ERROR)");
    }
    if (attachments == null) {
      attachments = new ArrayList<>(2);
    }
    out.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
    attachments.add(bytes);
  }

  private void writePojo(Object pojo) {
    if (pojo == null) {
      out.append("null");
    } else if (pojo instanceof byte[]) {
      writeBinary((byte[]) pojo);
    } else if (pojo instanceof JsonNode) {
      write((JsonNode) pojo);
    } else {
      write(mapper.valueToTree(pojo));
    }
  }

  private void writeNumber(JsonNode number) {
    switch (number.numberType()) {
      case INT:
      case LONG:
        out.append(number.longValue());
        break;
      case BIG_INTEGER:
        out.append(number.bigIntegerValue());
        break;
      case FLOAT:
        // The float's own shortest digits, as a double (JavaScript has no float32).
        JsNumbers.appendDouble(out, Double.parseDouble(Float.toString(number.floatValue())));
        break;
      case BIG_DECIMAL:
        writeBigDecimal(number.decimalValue());
        break;
      case DOUBLE:
      default:
        JsNumbers.appendDouble(out, number.doubleValue());
        break;
    }
  }

  /** Exact digits for BigDecimal (JavaScript has none); integral values without a fraction. */
  private void writeBigDecimal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 21) {
      out.append(stripped.toBigInteger());
    } else {
      out.append(stripped.toString().replace("E+", "e+").replace("E-", "e-"));
    }
  }

  /** Appends {@code s} quoted and escaped as ECMAScript's QuoteJSONString does. */
  public void writeString(String s) {
    out.append('"');
    int len = s.length();
    int run = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      String escape = null;
      if (c < 0x20 || c == '"' || c == '\\') {
        escape = shortEscape(c);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < len
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++; // a well-formed pair is written as is
          continue;
        }
        escape = "";
      } else {
        continue;
      }
      out.append(s, run, i);
      if (escape == null || escape.isEmpty()) {
        out.append("\\u")
            .append(HEX[(c >> 12) & 0xf])
            .append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        out.append(escape);
      }
      run = i + 1;
    }
    out.append(s, run, len).append('"');
  }

  private static String shortEscape(char c) {
    switch (c) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '\b':
        return "\\b";
      case '\f':
        return "\\f";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        return null;
    }
  }

  private static byte[] binaryOf(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a BinaryNode always has bytes", e);
    }
  }
}
