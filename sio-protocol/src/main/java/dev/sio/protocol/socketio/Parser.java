package dev.sio.protocol.socketio;

import dev.sio.protocol.ProtocolException;
import java.util.List;

/**
 * Turns Socket.IO packets into Engine.IO messages and back. Implementations are stateless and
 * thread-safe; the per-connection state of reassembling binary attachments lives in a {@link
 * Decoder}. Sio ships the default JSON parser ({@code JsonParser}) and a msgpack parser compatible
 * with npm {@code socket.io-msgpack-parser} (module {@code sio-msgpack}).
 */
public interface Parser {
  /**
   * Encodes one packet into the Engine.IO messages that carry it, in order: each element is a
   * {@link String} (a text message) or a {@code byte[]} (a binary message).
   *
   * @param packet the packet
   * @return the objects
   */
  List<Object> encode(SocketPacket packet);

  /**
   * {@return the packet as its single text message, when it needs no binary message, in a buffer
   * reused by the calling thread: valid until this thread encodes again, so copy it (or write it
   * out) before that} {@code null} when the packet needs binary messages or the parser does not
   * offer this (the default); then call {@link #encode}. Saves the {@code String} of each message
   * for a caller that writes the characters straight into its output buffer.
   *
   * @param packet the packet
   * @throws IllegalArgumentException as {@link #encode}
   */
  default CharSequence encodeText(SocketPacket packet) {
    return null;
  }

  /** {@return a new decoder for one connection} */
  Decoder newDecoder();

  /**
   * Reassembles packets from the Engine.IO messages of one connection. Not thread-safe: one
   * connection feeds it from one thread at a time. Like Node's decoders, it returns packets that
   * carried binary as {@code EVENT} or {@code ACK} (never {@code BINARY_EVENT}/{@code BINARY_ACK}),
   * with {@code BinaryNode}s in place of the attachments. After a {@link ProtocolException} the
   * decoder holds no partial packet; callers normally close the connection.
   */
  interface Decoder {
    /**
     * Feeds one text message.
     *
     * @param text the text
     * @return the complete packet, or {@code null} while binary attachments are still expected
     * @throws ProtocolException when the message is not a valid packet (or arrives while
     *     attachments are expected)
     */
    SocketPacket decode(String text) throws ProtocolException;

    /**
     * Feeds one text message given as its UTF-8 bytes {@code utf8[offset, offset + length)}, valid
     * during the call only (a WebSocket text frame, already checked to be UTF-8). Same result and
     * errors as {@link #decode(String)} of the decoded text, which is what the default does; the
     * JSON parser reads usual packets from the bytes without making that {@code String}.
     *
     * @param utf8 the UTF-8 bytes
     * @param offset the offset
     * @param length the length
     * @return the socket packet
     * @throws ProtocolException when it fails
     */
    default SocketPacket decodeText(byte[] utf8, int offset, int length) throws ProtocolException {
      return decode(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Feeds one binary message.
     *
     * @param binary whether it is binary
     * @return the complete packet, or {@code null} while more attachments are expected
     * @throws ProtocolException when no attachment was expected or the bytes are not a packet
     */
    SocketPacket decode(byte[] binary) throws ProtocolException;

    /** Drops a partly received packet (when its connection closes). */
    void reset();
  }
}
