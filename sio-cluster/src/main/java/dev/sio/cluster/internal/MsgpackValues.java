package dev.sio.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Converts Jackson trees to msgpack and back the way notepack.io and {@code @msgpack/msgpack} do:
 * integers in their smallest form, other numbers as float64, strings and binary with the smallest
 * header, maps in insertion order. JavaScript has one number type, so integral values up to 2^53
 * are always written as integers, and decoded floats with an integral value become integers. Binary
 * is a {@link com.fasterxml.jackson.databind.node.BinaryNode}.
 */
public final class MsgpackValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final double MAX_SAFE = 9007199254740992d; // 2^53
  private static final int MAX_DEPTH = 256;

  private MsgpackValues() {}

  /** Encodes {@code value} to msgpack bytes. */
  public static byte[] encode(JsonNode value) {
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    try {
      write(packer, value);
      packer.close();
    } catch (IOException e) {
      throw new IllegalStateException("msgpack encoding failed", e); // in-memory: cannot happen
    }
    return packer.toByteArray();
  }

  /**
   * Decodes one msgpack value.
   *
   * @throws IllegalArgumentException when the bytes are not one complete msgpack value
   */
  public static JsonNode decode(byte[] bytes) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      if (!unpacker.hasNext()) {
        throw new IllegalArgumentException("empty msgpack payload");
      }
      JsonNode value = read(unpacker, 0);
      if (unpacker.hasNext()) {
        throw new IllegalArgumentException("trailing bytes after the msgpack value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("invalid msgpack payload: " + e.getMessage(), e);
    }
  }

  /** True when {@code value} holds a binary node anywhere. */
  public static boolean hasBinary(JsonNode value) {
    if (value == null) {
      return false;
    }
    if (value.isBinary()) {
      return true;
    }
    if (value.isContainerNode()) {
      for (JsonNode child : value) {
        if (hasBinary(child)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void write(MessageBufferPacker p, JsonNode v) throws IOException {
    if (v == null || v.isNull() || v.isMissingNode()) {
      p.packNil();
    } else if (v.isBoolean()) {
      p.packBoolean(v.booleanValue());
    } else if (v.isTextual()) {
      p.packString(v.textValue());
    } else if (v.isBinary()) {
      byte[] b = v.binaryValue();
      p.packBinaryHeader(b.length);
      p.writePayload(b);
    } else if (v.isIntegralNumber()) {
      if (v.canConvertToLong() && Math.abs((double) v.longValue()) < MAX_SAFE) {
        p.packLong(v.longValue());
      } else if (v.isBigInteger() && fitsUint64(v.bigIntegerValue())) {
        p.packBigInteger(v.bigIntegerValue());
      } else {
        p.packDouble(v.doubleValue());
      }
    } else if (v.isNumber()) {
      double d = v.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < MAX_SAFE && !(d == 0 && 1 / d < 0)) {
        p.packLong((long) d);
      } else {
        p.packDouble(d);
      }
    } else if (v.isArray()) {
      p.packArrayHeader(v.size());
      for (JsonNode child : v) {
        write(p, child);
      }
    } else if (v.isObject()) {
      int size = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
        if (!it.next().getValue().isMissingNode()) {
          size++;
        }
      }
      p.packMapHeader(size);
      for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isMissingNode()) {
          p.packString(e.getKey());
          write(p, e.getValue());
        }
      }
    } else {
      p.packString(v.asText()); // POJO nodes: their text form
    }
  }

  private static boolean fitsUint64(BigInteger b) {
    return b.signum() >= 0 && b.bitLength() <= 64;
  }

  private static JsonNode read(MessageUnpacker u, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("msgpack payload nested deeper than " + MAX_DEPTH);
    }
    MessageFormat format = u.getNextFormat();
    ValueType type = format.getValueType();
    switch (type) {
      case NIL:
        u.unpackNil();
        return NODES.nullNode();
      case BOOLEAN:
        return NODES.booleanNode(u.unpackBoolean());
      case INTEGER:
        if (format == MessageFormat.UINT64) {
          BigInteger big = u.unpackBigInteger();
          return big.bitLength() < 64 ? number(big.longValue()) : NODES.numberNode(big);
        }
        return number(u.unpackLong());
      case FLOAT:
        double d = u.unpackDouble();
        if (d == Math.rint(d) && Math.abs(d) < MAX_SAFE && !(d == 0 && 1 / d < 0)) {
          return number((long) d);
        }
        return NODES.numberNode(d);
      case STRING:
        return NODES.textNode(u.unpackString());
      case BINARY:
        return NODES.binaryNode(u.readPayload(u.unpackBinaryHeader()));
      case ARRAY:
        {
          int n = u.unpackArrayHeader();
          ArrayNode array = NODES.arrayNode(Math.min(n, 1024));
          for (int i = 0; i < n; i++) {
            array.add(read(u, depth + 1));
          }
          return array;
        }
      case MAP:
        {
          int n = u.unpackMapHeader();
          ObjectNode object = NODES.objectNode();
          for (int i = 0; i < n; i++) {
            JsonNode key = read(u, depth + 1);
            object.set(key.isTextual() ? key.textValue() : key.toString(), read(u, depth + 1));
          }
          return object;
        }
      case EXTENSION:
        return readExtension(u);
      default:
        throw new IllegalArgumentException("unsupported msgpack format " + format);
    }
  }

  private static JsonNode readExtension(MessageUnpacker u) throws IOException {
    var header = u.unpackExtensionTypeHeader();
    byte[] body = u.readPayload(header.getLength());
    if (header.getType() == -1) { // the msgpack timestamp: a Date, sent as its JSON form
      ByteBuffer b = ByteBuffer.wrap(body);
      Instant t =
          switch (body.length) {
            case 4 -> Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()));
            case 8 -> {
              long v = b.getLong();
              yield Instant.ofEpochSecond(v & 0x3FFFFFFFFL, v >>> 34);
            }
            case 12 -> {
              int nanos = b.getInt();
              yield Instant.ofEpochSecond(b.getLong(), nanos);
            }
            default -> throw new IllegalArgumentException("invalid msgpack timestamp");
          };
      return NODES.textNode(JsDates.toJson(t));
    }
    if (header.getType() == 0 && body.length == 8) { // notepack's Date: float64 milliseconds
      double ms = ByteBuffer.wrap(body).getDouble();
      return NODES.textNode(JsDates.toJson(Instant.ofEpochMilli((long) ms)));
    }
    if (header.getType() == 0 && body.length == 1 && body[0] == 0) { // notepack's undefined
      return NODES.nullNode();
    }
    ArrayNode pair = NODES.arrayNode(2); // notepack's form of an unknown extension
    pair.add(header.getType());
    pair.add(NODES.binaryNode(body));
    return pair;
  }

  private static JsonNode number(long v) {
    return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
  }
}
