package dev.sio.protocol.engineio;

import dev.sio.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the frames of {@link EngineStreamCodec} from a WebTransport stream whose bytes arrive in
 * chunks split anywhere, with the checks of engine.io-parser 5.2.3's {@code
 * createPacketDecoderStream(maxPayload, ...)}.
 *
 * <ul>
 *   <li>A frame of length 0 (header {@code 00}, {@code 80}, {@code 7e 00 00}, ...) is an error:
 *       Node checks {@code expectedLength === 0} after every header step. So an empty binary
 *       message, which {@link EngineStreamCodec} (like Node's encoder) writes as {@code 80}, cannot
 *       be read.
 *   <li>A length over {@code maxPayload} is an error, found as soon as the header says so; so is a
 *       uint64 length whose high 32 bits exceed {@link EngineStreamCodec#MAX_LENGTH_HIGH_WORD}.
 *   <li>Node compares the 7-bit field with {@code maxPayload} before it reads an extended length:
 *       with {@code maxPayload < 126} (or {@code < 127}) a {@code 7e} (or {@code 7f}) header is an
 *       error even if the length that follows is small. Kept, for the same answer as Node.
 *   <li>Lengths need not be the shortest: {@code 7e 00 05} is a frame of 5 bytes.
 *   <li>A text payload is decoded as {@code TextDecoder} does ({@link
 *       EngineStreamCodec#decodeUtf8}): invalid UTF-8 becomes U+FFFD and one leading byte order
 *       mark is dropped; then {@link EnginePacketCodec#decodeText} (so {@code b<base64>} is a
 *       binary message and an unknown type character is an error).
 *   <li>A binary payload is a binary message in a new array.
 * </ul>
 *
 * <p>Where Node enqueues an {@code error} packet (and the server closes the session with {@code
 * "parse error"}), this decoder throws a {@link ProtocolException} after handing on the packets
 * before it; it is then failed for good, as the stream must be closed.
 *
 * <p>Memory: at most the 8 bytes of a length and the part of one payload received so far, never
 * more than {@code maxPayload}; the payload buffer grows with the bytes received, not with the
 * length the header announces. Not thread-safe: one decoder per stream, used by its reader.
 */
public final class EngineStreamDecoder {
  private static final int INITIAL_CAPACITY = 8192;

  private enum State {
    HEADER,
    LENGTH_16,
    LENGTH_64,
    PAYLOAD,
    FAILED
  }

  private final int maxPayload;
  private State state = State.HEADER; // all fields: the stream's reader only
  private boolean binary; // the frame being read is a binary message
  private int lengthBytes; // extended length bytes read so far
  private long length; // the extended length read so far, then the payload length
  private byte[] payload; // null until a payload spans two chunks
  private int filled; // bytes of payload received
  private String failure; // the error, once FAILED

  /**
   * A decoder that refuses frames longer than {@code maxPayload} bytes (Node's server passes {@code
   * maxHttpBufferSize}).
   *
   * @param maxPayload the largest payload in bytes, {@code >= 0}
   */
  public EngineStreamDecoder(int maxPayload) {
    if (maxPayload < 0) {
      throw new IllegalArgumentException("maxPayload < 0: " + maxPayload);
    }
    this.maxPayload = maxPayload;
  }

  /** {@return the largest payload accepted} */
  public int maxPayload() {
    return maxPayload;
  }

  /**
   * {@return true when no part of a frame is pending (the stream may end here cleanly)}
   *
   * <p>False once failed.
   */
  public boolean atFrameBoundary() {
    return state == State.HEADER;
  }

  /** {@return the bytes of the current frame's payload received so far (memory held)} */
  public int bufferedBytes() {
    return state == State.PAYLOAD ? filled : 0;
  }

  /**
   * Decodes {@code chunk} from {@code offset}, {@code length} bytes.
   *
   * @param chunk the bytes
   * @param offset the first index
   * @param length the number of bytes
   * @param out receives each whole packet, in order
   * @throws ProtocolException as {@link #decode(ByteBuffer, Consumer)}
   */
  public void decode(byte[] chunk, int offset, int length, Consumer<? super EnginePacket> out)
      throws ProtocolException {
    Objects.checkFromIndexSize(offset, length, chunk.length);
    decode(ByteBuffer.wrap(chunk, offset, length), out);
  }

  /**
   * Decodes all of {@code chunk}.
   *
   * @param chunk the bytes
   * @param out receives each whole packet, in order
   * @throws ProtocolException as {@link #decode(ByteBuffer, Consumer)}
   */
  public void decode(byte[] chunk, Consumer<? super EnginePacket> out) throws ProtocolException {
    decode(ByteBuffer.wrap(chunk), out);
  }

  /**
   * Decodes the remaining bytes of {@code chunk} (all consumed, its position moves to its limit
   * unless an error stops it): each packet completed is handed to {@code out}, a partial frame is
   * kept for the next chunk. The packets before an error are handed on, then the error is thrown.
   *
   * @param chunk the bytes
   * @param out receives each whole packet, in order
   * @throws ProtocolException {@code "Empty frame (length 0)"}, {@code "Frame of <n> bytes exceeds
   *     maxPayload <m>"}, {@code "Frame with a 16-bit length exceeds maxPayload <m> (Node compares
   *     the marker 126 first)"} (or 64-bit, 127), {@code "Frame length over 2^53 - 1 (high 32 bits
   *     0x<hex>)"}, or {@link EnginePacketCodec#decodeText}'s message for a bad text payload
   * @throws IllegalStateException when an earlier call failed
   */
  public void decode(ByteBuffer chunk, Consumer<? super EnginePacket> out)
      throws ProtocolException {
    if (state == State.FAILED) {
      throw new IllegalStateException("decoder failed earlier: " + failure);
    }
    try {
      run(chunk, out);
    } catch (ProtocolException e) {
      fail(e.getMessage());
      throw e;
    } catch (RuntimeException | Error e) {
      fail("the consumer threw " + e);
      throw e;
    }
  }

  private void run(ByteBuffer in, Consumer<? super EnginePacket> out) throws ProtocolException {
    while (in.hasRemaining()) {
      switch (state) {
        case HEADER -> {
          int b = in.get() & 0xff;
          binary = (b & EngineStreamCodec.BINARY_FLAG) != 0;
          int field = b & EngineStreamCodec.LENGTH_MASK;
          lengthBytes = 0;
          length = 0;
          if (field == EngineStreamCodec.LENGTH_16 || field == EngineStreamCodec.LENGTH_64) {
            if (field > maxPayload) { // Node's check sees the marker as the length
              throw new ProtocolException(
                  "Frame with a "
                      + (field == EngineStreamCodec.LENGTH_16 ? "16" : "64")
                      + "-bit length exceeds maxPayload "
                      + maxPayload
                      + " (Node compares the marker "
                      + field
                      + " first)");
            }
            state = field == EngineStreamCodec.LENGTH_16 ? State.LENGTH_16 : State.LENGTH_64;
          } else {
            startPayload(field);
          }
        }
        case LENGTH_16 -> {
          length = length << 8 | (in.get() & 0xff);
          if (++lengthBytes == 2) {
            startPayload(length);
          }
        }
        case LENGTH_64 -> {
          length = length << 8 | (in.get() & 0xff);
          if (++lengthBytes == 4 && length > EngineStreamCodec.MAX_LENGTH_HIGH_WORD) {
            throw new ProtocolException(
                "Frame length over 2^53 - 1 (high 32 bits 0x" + Long.toHexString(length) + ")");
          }
          if (lengthBytes == 8) {
            startPayload(length);
          }
        }
        case PAYLOAD -> readPayload(in, out);
        default -> throw new AssertionError(state);
      }
    }
  }

  private void startPayload(long frameLength) throws ProtocolException {
    if (frameLength == 0) {
      throw new ProtocolException("Empty frame (length 0)");
    }
    if (frameLength > maxPayload) {
      throw new ProtocolException(
          "Frame of " + frameLength + " bytes exceeds maxPayload " + maxPayload);
    }
    length = frameLength;
    filled = 0;
    state = State.PAYLOAD;
  }

  private void readPayload(ByteBuffer in, Consumer<? super EnginePacket> out)
      throws ProtocolException {
    int size = (int) length; // <= maxPayload
    byte[] data;
    if (filled == 0 && in.remaining() >= size) {
      data = new byte[size]; // the whole payload is in this chunk: one copy, no buffer
      in.get(data);
    } else {
      int n = Math.min(in.remaining(), size - filled);
      if (payload == null || payload.length < filled + n) {
        int capacity = Math.max(payload == null ? 0 : payload.length * 2, INITIAL_CAPACITY);
        capacity = Math.min(Math.max(capacity, filled + n), size);
        payload = payload == null ? new byte[capacity] : Arrays.copyOf(payload, capacity);
      }
      in.get(payload, filled, n);
      filled += n;
      if (filled < size) {
        return;
      }
      data = payload.length == size ? payload : Arrays.copyOf(payload, size);
      payload = null;
    }
    state = State.HEADER;
    filled = 0;
    out.accept(binary ? EnginePacket.binary(data) : decodeText(data));
  }

  private static EnginePacket decodeText(byte[] data) throws ProtocolException {
    return EnginePacketCodec.decodeText(EngineStreamCodec.decodeUtf8(data));
  }

  private void fail(String message) {
    state = State.FAILED;
    failure = message;
    payload = null;
  }
}
