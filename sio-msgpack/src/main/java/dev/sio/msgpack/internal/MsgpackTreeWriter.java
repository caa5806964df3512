package dev.sio.msgpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import dev.sio.protocol.socketio.internal.JsKeyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes a Socket.IO packet as the msgpack map notepack.io makes of Node's packet object: {@code
 * {type, data, id, nsp}} in the order socket.io's server builds it, values encoded as notepack does
 * (smallest integer format; integral doubles as integers, like JavaScript numbers; binary as
 * msgpack bin; keys in JavaScript order). Missing values follow JSON: left out of maps, nil in
 * arrays.
 *
 * <p>One instance per thread (it reuses its buffer); not thread-safe.
 */
public final class MsgpackTreeWriter {
  private static final int MAX_RETAINED_SIZE = 64 * 1024;
  private static final double TWO_TO_63 = 9.223372036854775808E18;
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private final ObjectMapper mapper;
  // Reused output buffer: touched only by the thread that owns this writer.
  private MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();

  /** A writer that turns POJOs found in {@code POJONode}s into trees with {@code mapper}. */
  public MsgpackTreeWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The packet as one msgpack message. */
  public byte[] write(SocketPacket packet) {
    SocketPacketType type = packet.type();
    int code =
        type == SocketPacketType.BINARY_EVENT
            ? 2
            : type == SocketPacketType.BINARY_ACK ? 3 : type.code();
    JsonNode data = packet.data();
    boolean hasData = data != null && !data.isNull() && !data.isMissingNode();
    try {
      packer.clear();
      packer.packMapHeader(2 + (hasData ? 1 : 0) + (packet.hasId() ? 1 : 0));
      packer.packString("type").packInt(code);
      if (hasData) {
        packer.packString("data");
        write(data);
      }
      if (packet.hasId()) {
        packer.packString("id").packLong(packet.id());
      }
      packer.packString("nsp").packString(packet.namespace());
      byte[] bytes = packer.toByteArray();
      if (bytes.length > MAX_RETAINED_SIZE) {
        packer = MessagePack.newDefaultBufferPacker();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("msgpack buffer packer failed", e);
    }
  }

  private void write(JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case STRING:
        packer.packString(node.textValue());
        break;
      case NUMBER:
        writeNumber(node);
        break;
      case BOOLEAN:
        packer.packBoolean(node.booleanValue());
        break;
      case NULL:
      case MISSING:
        packer.packNil();
        break;
      case ARRAY:
        packer.packArrayHeader(node.size());
        for (JsonNode element : node) {
          write(element);
        }
        break;
      case OBJECT:
        writeObject(node);
        break;
      case BINARY:
        writeBinary(node.binaryValue());
        break;
      case POJO:
        writePojo(((POJONode) node).getPojo());
        break;
      default:
        throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
    }
  }

  private void writeObject(JsonNode object) throws IOException {
    Collection<Map.Entry<String, JsonNode>> fields = JsKeyOrder.fields(object);
    int size = 0;
    for (Map.Entry<String, JsonNode> field : fields) {
      if (!field.getValue().isMissingNode()) {
        size++;
      }
    }
    packer.packMapHeader(size);
    for (Map.Entry<String, JsonNode> field : fields) {
      if (!field.getValue().isMissingNode()) {
        packer.packString(field.getKey());
        write(field.getValue());
      }
    }
  }

  private void writeBinary(byte[] bytes) throws IOException {
    packer.packBinaryHeader(bytes.length);
    packer.writePayload(bytes);
  }

  private void writePojo(Object pojo) throws IOException {
    if (pojo == null) {
      packer.packNil();
    } else if (pojo instanceof byte[]) {
      writeBinary((byte[]) pojo);
    } else if (pojo instanceof JsonNode) {
      write((JsonNode) pojo);
    } else {
      write(mapper.valueToTree(pojo));
    }
  }

  private void writeNumber(JsonNode number) throws IOException {
    switch (number.numberType()) {
      case INT:
      case LONG:
        packer.packLong(number.longValue());
        break;
      case BIG_INTEGER:
        BigInteger big = number.bigIntegerValue();
        if (big.signum() >= 0 ? big.compareTo(TWO_TO_64) < 0 : big.bitLength() < 64) {
          packer.packBigInteger(big);
        } else {
          packer.packDouble(big.doubleValue());
        }
        break;
      case BIG_DECIMAL:
        BigDecimal decimal = number.decimalValue();
        writeDouble(decimal.doubleValue());
        break;
      case FLOAT:
        writeDouble(Double.parseDouble(Float.toString(number.floatValue())));
        break;
      case DOUBLE:
      default:
        writeDouble(number.doubleValue());
        break;
    }
  }

  /** As notepack: an integral finite value is an integer (-0 included), anything else float 64. */
  private void writeDouble(double value) throws IOException {
    if (value == Math.rint(value) && Math.abs(value) < TWO_TO_63) {
      packer.packLong((long) value);
    } else {
      packer.packDouble(value);
    }
  }
}
