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

/**
 * Reads the JSON that packets usually carry straight into the tree that Jackson's default {@code
 * ObjectMapper.readTree} makes, without setting up a Jackson parser per message: arrays, objects,
 * strings without escapes, integers that fit an {@code int}, {@code true}, {@code false}, {@code
 * null}. Anything else (escapes, other numbers, a key seen twice, deep nesting, trailing or
 * malformed text) makes {@link #read} return {@code null}, and the caller reads the text with
 * Jackson, which gives the same tree or the same error as before.
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

  private String text; // the decoder's thread: the text being read
  private int pos; // the decoder's thread: the next character to read
  private int end; // the decoder's thread

  /** The tree of {@code text} from {@code start}, or {@code null} when Jackson must read it. */
  public JsonNode read(String text, int start) {
    this.text = text;
    this.pos = start;
    this.end = text.length();
    try {
      JsonNode node = value(0);
      if (node == null) {
        return null;
      }
      skipSpace();
      return pos == end ? node : null;
    } finally {
      this.text = null;
    }
  }

  private JsonNode value(int depth) {
    skipSpace();
    if (pos >= end) {
      return null;
    }
    char c = text.charAt(pos);
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
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    skipSpace();
    if (pos < end && text.charAt(pos) == ']') {
      pos++;
      return array;
    }
    while (true) {
      JsonNode element = value(depth);
      if (element == null) {
        return null;
      }
      array.add(element);
      skipSpace();
      if (pos >= end) {
        return null;
      }
      char c = text.charAt(pos++);
      if (c == ']') {
        return array;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  private ObjectNode object(int depth) {
    pos++; // {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    skipSpace();
    if (pos < end && text.charAt(pos) == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipSpace();
      if (pos >= end || text.charAt(pos) != '"') {
        return null;
      }
      String key = string();
      if (key == null) {
        return null;
      }
      skipSpace();
      if (pos >= end || text.charAt(pos++) != ':') {
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
      char c = text.charAt(pos++);
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  /** A string without escapes or control characters, the quotes consumed; else null. */
  private String string() {
    int start = ++pos;
    while (pos < end) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\' || c < 0x20) {
        return null;
      }
      pos++;
    }
    return null;
  }

  /** An integer of at most 9 digits without leading zeros, as Jackson's IntNode; else null. */
  private JsonNode integer() {
    boolean negative = text.charAt(pos) == '-';
    int i = negative ? pos + 1 : pos;
    int start = i;
    int value = 0;
    while (i < end) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      i++;
    }
    int digits = i - start;
    if (digits == 0 || digits > 9 || (digits > 1 && text.charAt(start) == '0')) {
      return null;
    }
    if (i < end) {
      char next = text.charAt(i);
      if (next == '.' || next == 'e' || next == 'E' || (next >= '0' && next <= '9')) {
        return null;
      }
    }
    pos = i;
    return IntNode.valueOf(negative ? -value : value);
  }

  private boolean literal(String word) {
    if (!text.startsWith(word, pos)) {
      return false;
    }
    int after = pos + word.length();
    if (after < end && Character.isLetterOrDigit(text.charAt(after))) {
      return false;
    }
    pos = after;
    return true;
  }

  private void skipSpace() {
    while (pos < end) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }
}
