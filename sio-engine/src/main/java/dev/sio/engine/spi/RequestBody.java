package dev.sio.engine.spi;

import java.nio.charset.Charset;

/**
 * A request body the binding read in full (at most {@code maxHttpBufferSize} bytes), as the core
 * decodes it: by index, without copying it into one array first. Indices run from {@code 0} to
 * {@link #length()}. Whoever takes the body from its exchange owns it and calls {@link #release()}
 * once done; after that it must not be read. Read on one thread at a time (the session's, after
 * dispatch).
 *
 * <pre>{@code
 * RequestBody body = RequestBody.of("4hello".getBytes(StandardCharsets.UTF_8));
 * int sep = body.indexOf(0, body.length(), (byte) 0x1e); // -1: one record
 * }</pre>
 */
public interface RequestBody {
  /** {@return the number of bytes} */
  int length();

  /**
   * {@return the byte at {@code index}}
   *
   * @param index from 0 to {@code length() - 1}
   */
  byte byteAt(int index);

  /**
   * {@return the first index in {@code [from, to)} holding {@code value}, or -1 when none does}
   *
   * @param from the first index searched
   * @param to the index after the last one searched
   * @param value the byte looked for
   */
  int indexOf(int from, int to, byte value);

  /**
   * {@return {@code length} bytes from {@code from} decoded with {@code charset}} Malformed input
   * is replaced as {@link String#String(byte[], int, int, Charset)} replaces it.
   *
   * @param from the first byte
   * @param length the number of bytes
   * @param charset the charset
   */
  String toString(int from, int length, Charset charset);

  /** {@return a copy of all bytes} */
  default byte[] toArray() {
    byte[] out = new byte[length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = byteAt(i);
    }
    return out;
  }

  /** Frees what holds the bytes (Netty: the pooled buffer); idempotent. */
  default void release() {}

  /**
   * {@return a body over {@code bytes}, not copied}
   *
   * @param bytes the bytes; must not change afterwards
   */
  static RequestBody of(byte[] bytes) {
    java.util.Objects.requireNonNull(bytes, "bytes");
    return new RequestBody() {
      @Override
      public int length() {
        return bytes.length;
      }

      @Override
      public byte byteAt(int index) {
        return bytes[index];
      }

      @Override
      public int indexOf(int from, int to, byte value) {
        java.util.Objects.checkFromToIndex(from, to, bytes.length);
        for (int i = from; i < to; i++) {
          if (bytes[i] == value) {
            return i;
          }
        }
        return -1;
      }

      @Override
      public String toString(int from, int length, Charset charset) {
        return new String(bytes, from, length, charset);
      }

      @Override
      public byte[] toArray() {
        return bytes.clone();
      }
    };
  }
}
