package dev.sio.engine.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids as Node makes them: 15 random bytes in url-safe base64, 20 characters. */
public final class SessionIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder();

  private SessionIds() {}

  /** A new random id. Thread-safe. */
  public static String next() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
