package dev.sio.msgpack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.msgpack.internal.MsgpackPacketDecoder;
import dev.sio.msgpack.internal.MsgpackTreeWriter;
import dev.sio.protocol.socketio.JsonParser;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import java.util.List;
import java.util.Objects;

/**
 * A Socket.IO parser compatible with npm {@code socket.io-msgpack-parser} 3.x: every packet is one
 * binary message, the msgpack map {@code {type, data, id, nsp}} as notepack.io encodes it, with
 * binary values as msgpack {@code bin} in place (no attachments, no BINARY_* types on the wire).
 * Both ends of a connection must use it; with the JavaScript client: {@code io(url, {parser:
 * require("socket.io-msgpack-parser")})}.
 *
 * <p>Values map to Jackson trees as in JavaScript: integers to int/long nodes, floats to doubles,
 * bin and ArrayBuffer to {@code BinaryNode}, a Date to its ISO-8601 text, {@code undefined} to
 * nothing. Decoders refuse what the npm decoder refuses (packet types 5 and 6 included) and, like
 * the JSON decoder, events without a name or with a reserved one.
 *
 * <p>Immutable and thread-safe.
 */
public final class MsgpackParser implements Parser {
  private static final MsgpackParser DEFAULT = new MsgpackParser(JsonParser.defaultMapper());

  private final ObjectMapper mapper;
  private final ThreadLocal<MsgpackTreeWriter> writers;

  private MsgpackParser(ObjectMapper mapper) {
    this.mapper = mapper;
    this.writers = ThreadLocal.withInitial(() -> new MsgpackTreeWriter(mapper));
  }

  /** {@return the shared parser on {@link JsonParser#defaultMapper()}} */
  public static MsgpackParser create() {
    return DEFAULT;
  }

  /**
   * {@return a parser that turns POJOs found in {@code POJONode}s into trees with {@code mapper}}
   *
   * @param mapper the Jackson mapper
   */
  public static MsgpackParser create(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return mapper == JsonParser.defaultMapper() ? DEFAULT : new MsgpackParser(mapper);
  }

  /** {@return the mapper used for POJO values; bind payloads to your own types with it} */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Always one {@code byte[]}. BINARY_EVENT/BINARY_ACK are written as EVENT/ACK (2/3).
   *
   * @throws IllegalArgumentException when the namespace does not start with {@code /}
   */
  @Override
  public List<Object> encode(SocketPacket packet) {
    if (!packet.namespace().startsWith("/")) {
      throw new IllegalArgumentException(
          "namespace must start with '/': \"" + packet.namespace() + "\"");
    }
    return List.of(writers.get().write(packet));
  }

  @Override
  public Decoder newDecoder() {
    return new MsgpackPacketDecoder();
  }
}
