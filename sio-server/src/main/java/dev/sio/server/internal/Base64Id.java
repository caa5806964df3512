package dev.sio.server.internal;

import dev.sio.engine.internal.SessionIds;

/**
 * Socket and private session ids: 15 random bytes as 20 url-safe base64 characters, the length of
 * Node's {@code base64id} (the sharded Redis adapter recognises socket ids by their 20 characters).
 * Drawn as the engine draws its session ids ({@link SessionIds}: a pool per thread, no shared
 * lock).
 */
public final class Base64Id {
  private Base64Id() {}

  /** A new id. Thread-safe. */
  public static String generate() {
    return SessionIds.next();
  }
}
