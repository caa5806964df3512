package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON that packets usually carry straight into the tree that Jackson's default {@code
 * ObjectMapper.readTree} makes, without setting up a Jackson parser per message: arrays, objects,
 * strings without escapes, integers that fit an {@code int}, {@code true}, {@code false}, {@code
 * null}. Anything else (escapes, other numbers, a key seen twice, deep nesting, trailing or
 * malformed text) makes {@link #read} return {@code null}, and the caller reads the text with
 * Jackson, which gives the same tree or the same error as before.
 *
 * <p>It reads a {@code String} or the UTF-8 bytes of a WebSocket text frame ({@link #read(byte[],
 * int, int)}), which saves decoding the frame into a {@code String} first. Arrays are made at their
 * final size: the elements are collected on a reused stack first.
 *
 * <p>Not thread-safe; one per decoder.
 */
public final class SimpleJsonReader {
  private static final int MAX_DEPTH = 64;

  /**
   * True when {@code mapper} reads trees as a plain {@code new ObjectMapper()} does, so that this
   * reader's trees are the ones it would make: the standard node factory, ints as {@code IntNode},
   * null properties kept, and Jackson's default read limits. (A module that replaces the {@code
   * JsonNode} deserializer is not detected; such a mapper should come with its own parser.)
   */
  public static boolean makesDefaultTrees(ObjectMapper mapper) {
    DeserializationConfig config = mapper.getDeserializationConfig();
    StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
    StreamReadConstraints defaults = StreamReadConstraints.defaults();
    return config.getNodeFactory().getClass() == JsonNodeFactory.class
        && !config.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        && !config.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
        && config.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES)
        && limits.getMaxNestingDepth() == defaults.getMaxNestingDepth()
        && limits.getMaxStringLength() == defaults.getMaxStringLength()
        && limits.getMaxNameLength() == defaults.getMaxNameLength()
        && limits.getMaxNumberLength() == defaults.getMaxNumberLength()
        && limits.getMaxDocumentLength() == defaults.getMaxDocumentLength()
        && limits.getMaxTokenCount() == defaults.getMaxTokenCount();
  }

  private static final int MAX_RETAINED_STACK = 1024;
  private static final int MAX_CACHED_NAME = 64;

  private String text; // the decoder's thread: the text being read, or null
  private byte[] bytes; // the decoder's thread: the UTF-8 being read, or null
  private int pos; // the decoder's thread: the next character to read
  private int end; // the decoder's thread
  // The decoder's thread: the elements of the arrays being read, innermost last.
  private JsonNode[] stack = new JsonNode[16];
  private int top; // the decoder's thread: the stack's used slots
  private boolean event; // the decoder's thread: the text is an EVENT's data (name first)
  // The decoder's thread: the last event name read, reused while the next names are equal (a
  // connection mostly sends few events); TextNodes are immutable, so trees may share it.
  private TextNode lastName;

  /** The tree of {@code text} from {@code start}, or {@code null} when Jackson must read it. */
  public JsonNode read(String text, int start) {
    this.text = text;
    this.bytes = null;
    return readFrom(start, text.length());
  }

  /**
   * As {@link #read(String, int)} for an EVENT's data: an array whose first string, the event name,
   * is shared with the previous tree when it is the same name (no new String and TextNode).
   */
  public JsonNode readEvent(String text, int start) {
    event = true;
    try {
      return read(text, start);
    } finally {
      event = false;
    }
  }

  /**
   * As {@link #read(byte[], int, int)} for an EVENT's data; see {@link #readEvent(String, int)}.
   */
  public JsonNode readEvent(byte[] utf8, int start, int end) {
    event = true;
    try {
      return read(utf8, start, end);
    } finally {
      event = false;
    }
  }

  /**
   * The tree of the UTF-8 {@code utf8[start, end)}, or {@code null} when Jackson must read it. The
   * bytes must be valid UTF-8 (a WebSocket text frame is checked on arrival); strings are decoded
   * from them directly.
   */
  public JsonNode read(byte[] utf8, int start, int end) {
    this.text = null;
    this.bytes = utf8;
    return readFrom(start, end);
  }

  private JsonNode readFrom(int start, int end) {
    this.pos = start;
    this.end = end;
    this.top = 0;
    try {
      JsonNode node = value(0);
      if (node == null) {
        return null;
      }
      skipSpace();
      return pos == end ? node : null;
    } finally {
      this.text = null;
      this.bytes = null;
      java.util.Arrays.fill(stack, 0, top, null);
      top = 0;
      if (stack.length > MAX_RETAINED_STACK) {
        stack = new JsonNode[16];
      }
    }
  }

  /** The character (or byte, 0 to 255) at {@code i}. */
  private char at(int i) {
    byte[] b = bytes;
    return b != null ? (char) (b[i] & 0xff) : text.charAt(i);
  }

  private JsonNode value(int depth) {
    skipSpace();
    if (pos >= end) {
      return null;
    }
    char c = at(pos);
    switch (c) {
      case '[':
        return depth >= MAX_DEPTH ? null : array(depth + 1);
      case '{':
        return depth >= MAX_DEPTH ? null : object(depth + 1);
      case '"':
        {
          String s = string();
          return s == null ? null : TextNode.valueOf(s);
        }
      case 't':
        return literal("true") ? BooleanNode.TRUE : null;
      case 'f':
        return literal("false") ? BooleanNode.FALSE : null;
      case 'n':
        return literal("null") ? NullNode.getInstance() : null;
      default:
        return c == '-' || (c >= '0' && c <= '9') ? integer() : null;
    }
  }

  private ArrayNode array(int depth) {
    pos++; // [
    skipSpace();
    if (pos < end && at(pos) == ']') {
      pos++;
      return JsonNodeFactory.instance.arrayNode(0);
    }
    int base = top; // this array's elements are stack[base, top)
    while (true) {
      JsonNode element =
          event && depth == 1 && top == base && pos < end && at(pos) == '"' ? name() : value(depth);
      if (element == null) {
        return null;
      }
      push(element);
      skipSpace();
      if (pos >= end) {
        return null;
      }
      char c = at(pos++);
      if (c == ']') {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(top - base);
        for (int i = base; i < top; i++) {
          array.add(stack[i]);
          stack[i] = null;
        }
        top = base;
        return array;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  private void push(JsonNode element) {
    if (top == stack.length) {
      stack = java.util.Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = element;
  }

  private ObjectNode object(int depth) {
    pos++; // {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    skipSpace();
    if (pos < end && at(pos) == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipSpace();
      if (pos >= end || at(pos) != '"') {
        return null;
      }
      String key = string();
      if (key == null) {
        return null;
      }
      skipSpace();
      if (pos >= end || at(pos++) != ':') {
        return null;
      }
      JsonNode value = value(depth);
      if (value == null || object.has(key)) {
        return null; // a repeated key: Jackson decides
      }
      object.set(key, value);
      skipSpace();
      if (pos >= end) {
        return null;
      }
      char c = at(pos++);
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  /** The event name at {@code pos}: the last one when equal, else as {@link #string()}. */
  private TextNode name() {
    TextNode last = lastName;
    if (last != null) {
      String known = last.textValue();
      int n = known.length();
      int from = pos + 1;
      if (from + n < end && at(from + n) == '"') {
        int i = 0;
        while (i < n && at(from + i) == known.charAt(i)) {
          i++;
        }
        if (i == n) {
          pos = from + n + 1;
          return last;
        }
      }
    }
    String s = string();
    if (s == null) {
      return null;
    }
    TextNode node = TextNode.valueOf(s);
    if (s.length() <= MAX_CACHED_NAME && isAscii(s)) { // ASCII: equal bytes mean equal text
      lastName = node;
    }
    return node;
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** A string without escapes or control characters, the quotes consumed; else null. */
  private String string() {
    int start = ++pos;
    boolean ascii = true;
    while (pos < end) {
      char c = at(pos);
      if (c == '"') {
        int stop = pos++;
        if (bytes == null) {
          return text.substring(start, stop);
        }
        // UTF-8 continuation bytes are >= 0x80: a '"' byte always ends the string
        return new String(
            bytes,
            start,
            stop - start,
            ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      }
      if (c == '\\' || c < 0x20) {
        return null;
      }
      if (c >= 0x80) {
        ascii = false;
      }
      pos++;
    }
    return null;
  }

  /** An integer of at most 9 digits without leading zeros, as Jackson's IntNode; else null. */
  private JsonNode integer() {
    boolean negative = at(pos) == '-';
    int i = negative ? pos + 1 : pos;
    int start = i;
    int value = 0;
    while (i < end) {
      char c = at(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      i++;
    }
    int digits = i - start;
    if (digits == 0 || digits > 9 || (digits > 1 && at(start) == '0')) {
      return null;
    }
    if (i < end) {
      char next = at(i);
      if (next == '.' || next == 'e' || next == 'E' || (next >= '0' && next <= '9')) {
        return null;
      }
    }
    pos = i;
    return IntNode.valueOf(negative ? -value : value);
  }

  private boolean literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (at(pos + i) != word.charAt(i)) {
        return false;
      }
    }
    int after = pos + word.length();
    if (after < end && Character.isLetterOrDigit(at(after))) {
      return false;
    }
    pos = after;
    return true;
  }

  private void skipSpace() {
    while (pos < end) {
      char c = at(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }
}
