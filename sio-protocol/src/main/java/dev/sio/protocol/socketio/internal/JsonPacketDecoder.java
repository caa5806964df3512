package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the text format {@code <type>[<attachments>-][<nsp>,][<id>][<json>]} and reassembles
 * binary attachments, with the checks of socket.io-parser's {@code Decoder} and {@code
 * isPacketValid}. A BINARY_EVENT or BINARY_ACK comes out as EVENT or ACK once its attachments are
 * in place, as Node's decoder does.
 *
 * <p>Stricter than Node where Node accepts nonsense: an empty message (Node: CONNECT), a type
 * character of whitespace, whitespace read as ack id 0, ack ids beyond a {@code long} (Node rounds
 * them to a double) and an EVENT, ACK or CONNECT_ERROR without payload (which {@code isPacketValid}
 * refuses) are rejected.
 */
public final class JsonPacketDecoder implements Parser.Decoder {
  private final ObjectReader reader;
  private final int maxAttachments;

  // The binary packet waiting for attachments, null when none: the connection's thread.
  private SocketPacket pending;
  // How many attachments the pending packet announced: the connection's thread.
  private int expected;
  // Attachments received so far for the pending packet: the connection's thread.
  // Null until the first attachment arrives: most connections never send binary data.
  private List<byte[]> received;

  // Null unless the reader is the default mapper's: then the usual payloads skip Jackson's
  // per-message parser set-up (see SimpleJsonReader), and everything else still goes to Jackson.
  private final boolean defaultTrees;
  // The connection's thread: made for the first payload to read (a connection that only joins a
  // namespace never needs it), null when the reader's trees are not the default ones.
  private SimpleJsonReader simple;

  /** A decoder reading JSON with {@code reader} and accepting up to {@code maxAttachments}. */
  public JsonPacketDecoder(ObjectReader reader, int maxAttachments) {
    this(reader, maxAttachments, false);
  }

  /**
   * As {@link #JsonPacketDecoder(ObjectReader, int)}; with {@code defaultTrees}, which the caller
   * may pass only when {@code reader} makes the trees of a default {@code ObjectMapper}, simple
   * payloads are read by {@link SimpleJsonReader} into the same trees.
   */
  public JsonPacketDecoder(ObjectReader reader, int maxAttachments, boolean defaultTrees) {
    this.reader = reader;
    this.maxAttachments = maxAttachments;
    this.defaultTrees = defaultTrees;
  }

  /** The fast reader, made on first use; only when {@link #defaultTrees}. */
  private SimpleJsonReader simple() {
    SimpleJsonReader s = simple;
    if (s == null) {
      s = new SimpleJsonReader();
      simple = s;
    }
    return s;
  }

  @Override
  public SocketPacket decode(String text) throws ProtocolException {
    if (pending != null) {
      String progress = (received == null ? 0 : received.size()) + " of " + expected;
      reset();
      throw new ProtocolException(
          "got plaintext data when reconstructing a packet ("
              + progress
              + " attachments received)");
    }
    int len = text.length();
    if (len == 0) {
      throw new ProtocolException("empty packet");
    }
    char typeChar = text.charAt(0);
    SocketPacketType type =
        typeChar >= '0' && typeChar <= '9' ? SocketPacketType.of(typeChar - '0') : null;
    if (type == null) {
      throw new ProtocolException("unknown packet type '" + typeChar + "'");
    }
    int i = 1;
    int attachments = 0;
    boolean binary = type == SocketPacketType.BINARY_EVENT || type == SocketPacketType.BINARY_ACK;
    if (binary) {
      int start = i;
      long count = 0;
      while (i < len && isDigit(text.charAt(i))) {
        if (count <= Integer.MAX_VALUE) {
          count = count * 10 + (text.charAt(i) - '0');
        }
        i++;
      }
      if (i == start || i == len || text.charAt(i) != '-') {
        throw new ProtocolException(
            "Illegal attachments: expected the attachment count and '-' after the type");
      }
      if (count == 0) {
        throw new ProtocolException(
            "Illegal attachments: 0 (a binary packet carries at least one attachment)");
      }
      if (count > maxAttachments) {
        throw new ProtocolException(
            "too many attachments: "
                + (i - start > 12
                    ? text.substring(start, start + 12) + "…"
                    : text.substring(start, i))
                + " (the limit is "
                + maxAttachments
                + ")");
      }
      attachments = (int) count;
      i++;
    }
    String namespace = "/";
    if (i < len && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      int end = comma < 0 ? len : comma;
      namespace = text.substring(i, end);
      i = comma < 0 ? len : comma + 1;
    }
    long id = SocketPacket.NO_ID;
    if (i < len && isDigit(text.charAt(i))) {
      int start = i;
      while (i < len && isDigit(text.charAt(i))) {
        i++;
      }
      id = parseId(text, start, i);
    }
    JsonNode data = null;
    if (i < len && defaultTrees) {
      SimpleJsonReader simple = simple();
      data = type == SocketPacketType.EVENT ? simple.readEvent(text, i) : simple.read(text, i);
    }
    if (i < len && data == null) {
      try {
        data = reader.readTree(text.substring(i));
      } catch (IOException | RuntimeException e) {
        throw new ProtocolException("invalid payload: not valid JSON", e);
      }
      if (data.isMissingNode()) { // only whitespace after the header
        throw new ProtocolException("invalid payload: not valid JSON");
      }
    }
    PayloadRules.check(type, data);
    if (!binary) {
      return new SocketPacket(type, namespace, data, id);
    }
    SocketPacketType plain =
        type == SocketPacketType.BINARY_EVENT ? SocketPacketType.EVENT : SocketPacketType.ACK;
    SocketPacket packet = new SocketPacket(plain, namespace, data, id);
    pending = packet;
    expected = attachments;
    return null;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Packets without attachments whose header is ASCII and whose JSON {@link SimpleJsonReader}
   * reads are decoded from the bytes; anything else is decoded as the {@code String} of the bytes,
   * by {@link #decode(String)}, so results and errors are those of the text path.
   */
  @Override
  public SocketPacket decodeText(byte[] utf8, int offset, int length) throws ProtocolException {
    SocketPacket packet = defaultTrees ? decodeSimple(utf8, offset, offset + length) : null;
    return packet != null
        ? packet
        : decode(new String(utf8, offset, length, StandardCharsets.UTF_8));
  }

  /** The usual packet read from the bytes, or null when the text path must decide. */
  private SocketPacket decodeSimple(byte[] b, int start, int len) throws ProtocolException {
    if (pending != null || start == len) {
      return null;
    }
    byte typeByte = b[start];
    SocketPacketType type =
        typeByte >= '0' && typeByte <= '9' ? SocketPacketType.of(typeByte - '0') : null;
    if (type == null
        || type == SocketPacketType.BINARY_EVENT
        || type == SocketPacketType.BINARY_ACK) {
      return null;
    }
    int i = start + 1;
    String namespace = "/";
    if (i < len && b[i] == '/') {
      int end = i;
      while (end < len && b[end] != ',') {
        if (b[end] < 0) {
          return null; // a namespace beyond ASCII: the text path
        }
        end++;
      }
      if (end - i > 1) {
        namespace = new String(b, i, end - i, StandardCharsets.ISO_8859_1);
      }
      i = end == len ? len : end + 1;
    }
    long id = SocketPacket.NO_ID;
    if (i < len && b[i] >= '0' && b[i] <= '9') {
      int digits = 0;
      id = 0;
      while (i < len && b[i] >= '0' && b[i] <= '9') {
        if (++digits > 18) {
          return null; // perhaps beyond a long: the text path says so
        }
        id = id * 10 + (b[i] - '0');
        i++;
      }
    }
    JsonNode data = null;
    if (i < len) {
      SimpleJsonReader simple = simple();
      data = type == SocketPacketType.EVENT ? simple.readEvent(b, i, len) : simple.read(b, i, len);
      if (data == null) {
        return null;
      }
    }
    PayloadRules.check(type, data);
    return new SocketPacket(type, namespace, data, id);
  }

  @Override
  public SocketPacket decode(byte[] binary) throws ProtocolException {
    if (pending == null) {
      throw new ProtocolException("got binary data when not reconstructing a packet");
    }
    List<byte[]> buffers = received;
    if (buffers == null) {
      buffers = new ArrayList<>(Math.min(expected, 16));
      received = buffers;
    }
    buffers.add(binary);
    if (buffers.size() < expected) {
      return null;
    }
    SocketPacket packet = pending;
    reset(); // the list goes with the packet; the next one gets its own
    return complete(packet, buffers);
  }

  @Override
  public void reset() {
    pending = null;
    expected = 0;
    received = null;
  }

  private static SocketPacket complete(SocketPacket packet, List<byte[]> buffers)
      throws ProtocolException {
    JsonNode data = Placeholders.reconstruct(packet.data(), buffers);
    return new SocketPacket(packet.type(), packet.namespace(), data, packet.id());
  }

  private static long parseId(String text, int start, int end) throws ProtocolException {
    long id = 0;
    for (int i = start; i < end; i++) {
      int digit = text.charAt(i) - '0';
      if (id > (Long.MAX_VALUE - digit) / 10) {
        throw new ProtocolException(
            "invalid packet id: " + text.substring(start, end) + " is too large");
      }
      id = id * 10 + digit;
    }
    return id;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
