package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a Jackson tree as {@code JSON.stringify} writes the equivalent JavaScript value, in one
 * pass into a reused {@code char[]}: same string escapes (lowercase hex in {@code \\u} escapes,
 * lone surrogates escaped, no {@code \/}), same number layout ({@link JsNumbers}), same key order
 * ({@link JsKeyOrder}), missing values dropped from objects and written {@code null} in arrays.
 * Each {@code BinaryNode} becomes a placeholder {@code {"_placeholder":true,"num":n}} numbered in
 * depth-first order, as socket.io-parser's {@code deconstructPacket} does, and its bytes are
 * collected as an attachment.
 *
 * <p>One instance per thread (it holds its output buffer); not thread-safe.
 */
public final class JsonTextWriter {
  private static final int INITIAL_CAPACITY = 512;
  private static final int MAX_RETAINED_CAPACITY = 64 * 1024;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String PLACEHOLDER = "{\"_placeholder\":true,\"num\":";

  private final ObjectMapper mapper;
  // Reused output buffer: touched only by the thread that owns this writer.
  private char[] buf = new char[INITIAL_CAPACITY];
  // Characters written to buf for the current packet: owner thread.
  private int len;
  // Attachments of the packet being written, null until the first binary value: owner thread.
  private List<byte[]> attachments;
  // Whether binary values may appear in the value being written: owner thread.
  private boolean binaryAllowed;
  private final View view = new View(); // the owner thread's view of buf

  /** A writer that turns POJOs found in {@code POJONode}s into trees with {@code mapper}. */
  public JsonTextWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Clears the buffer for a new packet; {@code binaryAllowed} says if placeholders may appear. */
  public void begin(boolean binaryAllowed) {
    if (buf.length > MAX_RETAINED_CAPACITY) {
      buf = new char[INITIAL_CAPACITY];
    }
    len = 0;
    attachments = null;
    this.binaryAllowed = binaryAllowed;
  }

  /** The text written since {@link #begin}. */
  public String text() {
    return new String(buf, 0, len);
  }

  /**
   * The text written since {@link #begin} as a view of this writer's buffer, valid until the next
   * {@link #begin} (one view per writer, no copy).
   */
  public CharSequence chars() {
    return view;
  }

  /** The characters written so far, read in place. */
  private final class View implements CharSequence {
    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= len) {
        throw new IndexOutOfBoundsException(index);
      }
      return buf[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      java.util.Objects.checkFromToIndex(start, end, len);
      return new String(buf, start, end - start);
    }

    @Override
    public String toString() {
      return new String(buf, 0, len);
    }
  }

  /** The attachments collected since {@link #begin}, or {@code null} when there were none. */
  public List<byte[]> attachments() {
    return attachments;
  }

  /** Appends one character. */
  public void append(char c) {
    if (len == buf.length) {
      grow(1);
    }
    buf[len++] = c;
  }

  /** Appends {@code s} as is. */
  public void append(String s) {
    int n = s.length();
    if (len + n > buf.length) {
      grow(n);
    }
    s.getChars(0, n, buf, len);
    len += n;
  }

  /** Appends the decimal digits of {@code value}. */
  public void append(long value) {
    if (len + 20 > buf.length) {
      grow(20);
    }
    len = NumberOutput.outputLong(value, buf, len);
  }

  /** Replaces the character at {@code index}. */
  public void set(int index, char c) {
    buf[index] = c;
  }

  /** Inserts {@code s} at {@code index}, moving what follows. */
  public void insert(int index, String s) {
    int n = s.length();
    if (len + n > buf.length) {
      grow(n);
    }
    System.arraycopy(buf, index, buf, index + n, len - index);
    s.getChars(0, n, buf, index);
    len += n;
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
        append(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
      case MISSING:
        append("null");
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
    append('[');
    int size = array.size();
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        append(',');
      }
      write(array.get(i));
    }
    append(']');
  }

  private void writeObject(JsonNode object) {
    append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : JsKeyOrder.fields(object)) {
      JsonNode value = field.getValue();
      if (value.isMissingNode()) {
        continue; // an undefined property: JSON.stringify leaves it out
      }
      if (!first) {
        append(',');
      }
      first = false;
      writeString(field.getKey());
      append(':');
      write(value);
    }
    append('}');
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
    append(PLACEHOLDER);
    append(attachments.size());
    append('}');
    attachments.add(bytes);
  }

  private void writePojo(Object pojo) {
    if (pojo == null) {
      append("null");
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
        append(number.longValue());
        break;
      case BIG_INTEGER:
        append(number.bigIntegerValue().toString());
        break;
      case FLOAT:
        // The float's own shortest digits, as a double (JavaScript has no float32).
        append(JsNumbers.toJs(Double.parseDouble(Float.toString(number.floatValue()))));
        break;
      case BIG_DECIMAL:
        writeBigDecimal(number.decimalValue());
        break;
      case DOUBLE:
      default:
        append(JsNumbers.toJs(number.doubleValue()));
        break;
    }
  }

  /** Exact digits for BigDecimal (JavaScript has none); integral values without a fraction. */
  private void writeBigDecimal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 21) {
      append(stripped.toBigInteger().toString());
    } else {
      append(stripped.toString().replace("E+", "e+").replace("E-", "e-"));
    }
  }

  /** Appends {@code s} quoted and escaped as ECMAScript's QuoteJSONString does. */
  public void writeString(String s) {
    int n = s.length();
    // worst case every char becomes \\uXXXX; grow once for the common case
    if (len + n + 2 > buf.length) {
      grow(n + 2);
    }
    buf[len++] = '"';
    s.getChars(0, n, buf, len);
    int end = len + n;
    for (int i = len; i < end; i++) {
      char c = buf[i];
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        // rare: rewrite from the first character that needs an escape
        len = i;
        escapeFrom(s, i - (end - n));
        return;
      }
    }
    len = end;
    buf[len++] = '"';
  }

  private void escapeFrom(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        append(c);
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        append(c); // a well-formed pair is written as is
        append(s.charAt(++i));
        continue;
      }
      String escape = shortEscape(c);
      if (escape != null) {
        append(escape);
      } else {
        if (len + 6 > buf.length) {
          grow(6);
        }
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xf];
        buf[len++] = HEX[(c >> 8) & 0xf];
        buf[len++] = HEX[(c >> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
      }
    }
    append('"');
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

  private void grow(int extra) {
    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
  }

  private static byte[] binaryOf(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new IllegalStateException("a BinaryNode always has bytes", e);
    }
  }
}
