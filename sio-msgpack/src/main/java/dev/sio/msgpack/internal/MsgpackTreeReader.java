package dev.sio.msgpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.protocol.ProtocolException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads one msgpack value into a Jackson tree the way notepack.io reads it into JavaScript: bin and
 * ext type 0 (ArrayBuffer) become {@code BinaryNode}, fixext 8 type 0 (a Date) becomes its {@code
 * toISOString()} text (what the JSON parser would deliver), fixext 1 type 0 ({@code undefined}) is
 * left out of maps and is null in arrays, as in JSON. Other extension types have no JavaScript
 * value and are refused.
 *
 * <p>Declared lengths are checked against the bytes left before anything is allocated, and nesting
 * is bounded, so a small hostile message cannot exhaust memory or the stack.
 */
public final class MsgpackTreeReader {
  /** How deep arrays and maps may nest (Jackson's default read limit for JSON). */
  public static final int MAX_DEPTH = 1000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final double MAX_DATE_MS = 8.64e15;

  private final byte[] bytes;
  private final MessageUnpacker in;

  private MsgpackTreeReader(byte[] bytes) {
    this.bytes = bytes;
    this.in = MessagePack.newDefaultUnpacker(bytes);
  }

  /**
   * The single value {@code bytes} hold.
   *
   * @throws ProtocolException "invalid msgpack: …" when the bytes are not exactly one value
   */
  public static JsonNode read(byte[] bytes) throws ProtocolException {
    MsgpackTreeReader reader = new MsgpackTreeReader(bytes);
    try {
      if (bytes.length == 0) {
        throw new ProtocolException("invalid msgpack: empty message");
      }
      JsonNode value = reader.value(0);
      long trailing = bytes.length - reader.in.getTotalReadBytes();
      if (trailing > 0) {
        throw new ProtocolException("invalid msgpack: " + trailing + " trailing byte(s)");
      }
      return value;
    } catch (MessageSizeException e) {
      throw new ProtocolException(pastTheEnd(e.getSize()), e);
    } catch (MessageInsufficientBufferException e) {
      throw new ProtocolException("invalid msgpack: truncated", e);
    } catch (IOException | MessagePackException e) {
      throw new ProtocolException("invalid msgpack: " + e.getMessage(), e);
    }
  }

  /** The next value; {@link MissingNode} for JavaScript's {@code undefined}. */
  private JsonNode value(int depth) throws IOException, ProtocolException {
    MessageFormat format = in.getNextFormat();
    if (format == MessageFormat.NEVER_USED) {
      throw new ProtocolException(
          String.format("invalid msgpack: never-used byte 0x%02x", bytes[offset()] & 0xff));
    }
    switch (format.getValueType()) {
      case NIL:
        in.unpackNil();
        return F.nullNode();
      case BOOLEAN:
        return F.booleanNode(in.unpackBoolean());
      case INTEGER:
        return integer(format);
      case FLOAT:
        return F.numberNode(in.unpackDouble());
      case STRING:
        return F.textNode(new String(payload(in.unpackRawStringHeader()), StandardCharsets.UTF_8));
      case BINARY:
        return F.binaryNode(payload(in.unpackBinaryHeader()));
      case ARRAY:
        return array(depth + 1);
      case MAP:
        return map(depth + 1);
      case EXTENSION:
        return extension(format);
      default:
        throw new ProtocolException("invalid msgpack: unknown format " + format);
    }
  }

  private JsonNode integer(MessageFormat format) throws IOException {
    if (format == MessageFormat.UINT64) {
      BigInteger value = in.unpackBigInteger();
      return value.bitLength() < 64 ? F.numberNode(value.longValue()) : F.numberNode(value);
    }
    long value = in.unpackLong();
    return value == (int) value ? F.numberNode((int) value) : F.numberNode(value);
  }

  private ArrayNode array(int depth) throws IOException, ProtocolException {
    checkDepth(depth);
    int size = count(in.unpackArrayHeader(), 1);
    ArrayNode array = F.arrayNode(Math.min(size, 16));
    for (int i = 0; i < size; i++) {
      JsonNode element = value(depth);
      array.add(element.isMissingNode() ? F.nullNode() : element);
    }
    return array;
  }

  private ObjectNode map(int depth) throws IOException, ProtocolException {
    checkDepth(depth);
    int size = count(in.unpackMapHeader(), 2);
    ObjectNode map = F.objectNode();
    for (int i = 0; i < size; i++) {
      JsonNode key = value(depth);
      String name;
      if (key.isTextual()) {
        name = key.textValue();
      } else if (key.isIntegralNumber()) {
        name = key.asText(); // JavaScript turns number keys into strings
      } else {
        throw new ProtocolException("invalid msgpack: a map key must be a string or an integer");
      }
      JsonNode value = value(depth);
      if (value.isMissingNode()) {
        map.remove(name);
      } else {
        map.set(name, value);
      }
    }
    return map;
  }

  private JsonNode extension(MessageFormat format) throws IOException, ProtocolException {
    ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
    byte[] data = payload(header.getLength());
    if (header.getType() == 0) {
      switch (format) {
        case FIXEXT1:
          return MissingNode.getInstance(); // notepack's undefined
        case FIXEXT8:
          return date(data);
        case EXT8:
        case EXT16:
        case EXT32:
          return F.binaryNode(data); // notepack's ArrayBuffer
        default:
          break;
      }
    }
    throw new ProtocolException(
        "invalid msgpack: unsupported extension type "
            + header.getType()
            + " of "
            + header.getLength()
            + " byte(s) (notepack.io only writes Date, undefined and ArrayBuffer)");
  }

  /** notepack's Date: milliseconds since the epoch, high 32 bits signed, low 32 unsigned. */
  private static JsonNode date(byte[] data) {
    long hi =
        ((data[0] & 0xffL) << 24
            | (data[1] & 0xff) << 16
            | (data[2] & 0xff) << 8
            | (data[3] & 0xff));
    hi = (int) hi;
    long lo =
        (data[4] & 0xffL) << 24 | (data[5] & 0xff) << 16 | (data[6] & 0xff) << 8 | (data[7] & 0xff);
    double ms = hi * 4294967296.0 + lo;
    if (Math.abs(ms) > MAX_DATE_MS) {
      return F.nullNode(); // an Invalid Date, which JSON.stringify writes as null
    }
    ZonedDateTime t = Instant.ofEpochMilli((long) ms).atZone(ZoneOffset.UTC);
    int year = t.getYear();
    String y =
        year >= 0 && year <= 9999
            ? String.format("%04d", year)
            : (year < 0 ? "-" : "+") + String.format("%06d", Math.abs(year));
    return F.textNode(
        String.format(
            "%s-%02d-%02dT%02d:%02d:%02d.%03dZ",
            y,
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond(),
            t.getNano() / 1_000_000));
  }

  private byte[] payload(int length) throws IOException, ProtocolException {
    if (length < 0 || length > remaining()) {
      throw new ProtocolException(pastTheEnd(Integer.toUnsignedLong(length)));
    }
    return in.readPayload(length);
  }

  private int count(int size, int minBytesEach) throws ProtocolException {
    if (size < 0 || (long) size * minBytesEach > remaining()) {
      throw new ProtocolException(pastTheEnd(Integer.toUnsignedLong(size)));
    }
    return size;
  }

  private static String pastTheEnd(long length) {
    return "invalid msgpack: a length of " + length + " runs past the end of the message";
  }

  private void checkDepth(int depth) throws ProtocolException {
    if (depth > MAX_DEPTH) {
      throw new ProtocolException("invalid msgpack: nested deeper than " + MAX_DEPTH);
    }
  }

  private long remaining() {
    return bytes.length - in.getTotalReadBytes();
  }

  private int offset() {
    return (int) in.getTotalReadBytes();
  }
}
