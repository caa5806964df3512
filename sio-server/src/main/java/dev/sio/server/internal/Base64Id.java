package dev.sio.server.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Socket and private session ids: 15 random bytes as 20 url-safe base64 characters, the length of
 * Node's {@code base64id} (the sharded Redis adapter recognises socket ids by their 20 characters).
 */
public final class Base64Id {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Base64Id() {}

  /** A new id. */
  public static String generate() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
