package dev.sio.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Socket and private session ids: 15 random bytes as 20 url-safe base64 characters, the length of
 * Node's {@code base64id} (the sharded Redis adapter recognises socket ids by their 20 characters).
 *
 * <p>As {@code base64id} draws from a pool of random bytes, each thread keeps its own strong
 * generator (a DRBG seeded once from the system) and a pool of bytes for 64 ids: no lock shared by
 * the event loops, no system call per id.
 */
public final class Base64Id {
  private static final int ID_BYTES = 15;
  private static final int POOL_IDS = 64;
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<Pool> POOLS = ThreadLocal.withInitial(Pool::new);

  private Base64Id() {}

  /** A new id. Thread-safe. */
  public static String generate() {
    return POOLS.get().next();
  }

  /** One thread's generator and pool (confined to that thread). */
  private static final class Pool {
    private final SecureRandom random = newRandom();
    private final byte[] bytes = new byte[ID_BYTES * POOL_IDS];
    private int used = bytes.length; // thread: bytes of the pool already used

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
                | (bytes[at + i + 2] & 0xff);
        out[o] = ALPHABET[v >>> 18];
        out[o + 1] = ALPHABET[(v >>> 12) & 63];
        out[o + 2] = ALPHABET[(v >>> 6) & 63];
        out[o + 3] = ALPHABET[v & 63];
      }
      Arrays.fill(bytes, at, at + ID_BYTES, (byte) 0); // an id given out leaves no copy behind
      return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static SecureRandom newRandom() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        return new SecureRandom();
      }
    }
  }
}
