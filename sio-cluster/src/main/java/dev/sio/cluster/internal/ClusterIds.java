package dev.sio.cluster.internal;

import java.security.SecureRandom;

/** The random ids of the Node adapters (uids and request ids). */
public final class ClusterIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] UID2 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ClusterIds() {}

  /** {@code uid2(length)}: the classic adapter's uid (6) and request ids (6). */
  public static String uid2(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = UID2[(bytes[i] & 0xff) % UID2.length];
    }
    return new String(out);
  }

  /** {@code randomBytes(8).toString("hex")}: the ClusterAdapter's uid and request ids. */
  public static String hex16() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
