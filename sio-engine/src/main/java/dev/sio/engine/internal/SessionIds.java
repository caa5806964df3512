package dev.sio.engine.internal;

import java.security.SecureRandom;

/**
 * Session ids as Node makes them: 15 random bytes in url-safe base64, 20 characters.
 *
 * <p>Like Node's {@code base64id}, which draws its bytes from a pool filled by one {@code
 * crypto.randomBytes} call, each thread keeps its own strong generator (a DRBG seeded once from the
 * system) and a pool of random bytes for 64 ids: no lock shared by the event loops, no system call
 * per id.
 */
public final class SessionIds {
  private static final int ID_BYTES = 15;
  private static final int POOL_IDS = 64;
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final ThreadLocal<Pool> POOLS = ThreadLocal.withInitial(Pool::new);

  private SessionIds() {}

  /** A new random id. Thread-safe. */
  public static String next() {
    return POOLS.get().next();
  }

  /** One thread's generator and its pool of random bytes (confined to that thread). */
  private static final class Pool {
    private final SecureRandom random = newRandom();
    private final byte[] bytes = new byte[ID_BYTES * POOL_IDS];
    private int used = bytes.length; // thread: bytes consumed from the pool

    String next() {
      if (used == bytes.length) {
        random.nextBytes(bytes);
        used = 0;
      }
      int at = used;
      used += ID_BYTES;
      byte[] out = new byte[20];
      for (int i = 0, o = 0; i < ID_BYTES; i += 3, o += 4) {
        int v =
            (bytes[at + i] & 0xff) << 16
                | (bytes[at + i + 1] & 0xff) << 8
                | bytes[at + i + 2] & 0xff;
        out[o] = ALPHABET[v >>> 18];
        out[o + 1] = ALPHABET[(v >>> 12) & 63];
        out[o + 2] = ALPHABET[(v >>> 6) & 63];
        out[o + 3] = ALPHABET[v & 63];
      }
      java.util.Arrays.fill(bytes, at, at + ID_BYTES, (byte) 0); // a used id leaves no trace
      return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static SecureRandom newRandom() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (java.security.NoSuchAlgorithmException e) {
        return new SecureRandom();
      }
    }
  }
}
