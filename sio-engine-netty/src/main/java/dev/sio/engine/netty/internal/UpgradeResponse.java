package dev.sio.engine.netty.internal;

import dev.sio.engine.spi.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code 101 Switching Protocols} of a WebSocket upgrade without extensions, as {@code ws}'s
 * {@code completeUpgrade} writes it: the status line, {@code Upgrade: websocket}, {@code
 * Connection: Upgrade}, {@code Sec-WebSocket-Accept} (RFC 6455 4.2.2: base64 of the SHA-1 of the
 * key and the protocol's GUID), then the endpoint's own headers in order (Node's {@code headers}
 * event: CORS, the sid cookie, header listeners), encoded into one buffer, ready for the socket.
 *
 * <p>The SHA-1 digest and its scratch arrays are per thread (an event loop's), so an answer
 * allocates nothing but its buffer. Header names and values were checked when added to {@link
 * ResponseHeaders} (no CR, LF or other control character can split the answer); they are written a
 * byte per character, as Netty's HTTP encoder writes them.
 */
final class UpgradeResponse {
  /** RFC 6455 1.3's GUID, appended to the client's key. */
  private static final byte[] GUID =
      "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

  /**
   * A valid {@code Sec-WebSocket-Key} is 24 characters ({@link WebSocketHandshakes#isValidKey}).
   */
  private static final int KEY_LENGTH = 24;

  private static final byte[] HEAD =
      ("HTTP/1.1 101 Switching Protocols\r\n"
              + "Upgrade: websocket\r\n"
              + "Connection: Upgrade\r\n"
              + "Sec-WebSocket-Accept: ")
          .getBytes(StandardCharsets.US_ASCII);

  private static final int CRLF = ('\r' << 8) | '\n';

  /** The per-thread digest and its arrays. */
  private static final class Scratch {
    final MessageDigest sha1;
    final byte[] input = new byte[KEY_LENGTH + GUID.length]; // the key, then the GUID
    final byte[] digest = new byte[20];
    final byte[] accept = new byte[28]; // base64 of 20 bytes

    Scratch() {
      try {
        sha1 = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("no SHA-1 in this JVM", e); // every JVM has it
      }
      System.arraycopy(GUID, 0, input, KEY_LENGTH, GUID.length);
    }
  }

  private static final FastThreadLocal<Scratch> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
          return new Scratch();
        }
      };

  private UpgradeResponse() {}

  /**
   * {@return the {@code 101} for {@code key} (a key {@link WebSocketHandshakes#isValidKey}
   * accepted) with {@code extra} after the handshake's own headers, in a buffer of {@code alloc}}
   */
  static ByteBuf encode(ByteBufAllocator alloc, String key, ResponseHeaders extra) {
    Scratch s = SCRATCH.get();
    acceptInto(s, key);
    ByteBuf buf = alloc.buffer(HEAD.length + s.accept.length + 4 + 64 * extra.size());
    buf.writeBytes(HEAD).writeBytes(s.accept).writeShort(CRLF);
    if (!extra.isEmpty()) {
      extra.forEach(
          (name, value) -> {
            ByteBufUtil.writeAscii(buf, name);
            buf.writeByte(':').writeByte(' ');
            ByteBufUtil.writeAscii(buf, value);
            buf.writeShort(CRLF);
          });
    }
    return buf.writeShort(CRLF);
  }

  /** {@return the {@code Sec-WebSocket-Accept} for {@code key}} */
  static String accept(String key) {
    Scratch s = SCRATCH.get();
    acceptInto(s, key);
    return new String(s.accept, StandardCharsets.US_ASCII);
  }

  private static void acceptInto(Scratch s, String key) {
    if (key.length() != KEY_LENGTH) {
      throw new IllegalArgumentException("a Sec-WebSocket-Key has 24 characters");
    }
    for (int i = 0; i < KEY_LENGTH; i++) {
      s.input[i] = (byte) key.charAt(i); // base64: ASCII
    }
    s.sha1.reset();
    s.sha1.update(s.input);
    try {
      s.sha1.digest(s.digest, 0, s.digest.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e); // 20 bytes is SHA-1's length
    }
    Base64.getEncoder().encode(s.digest, s.accept);
  }
}
