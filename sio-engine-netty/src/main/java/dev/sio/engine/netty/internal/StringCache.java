package dev.sio.engine.netty.internal;

import io.netty.util.AsciiString;

/**
 * Shares the strings that repeat across handshakes (header names and most values, query keys and
 * values, request URIs): a fixed table of {@value #SLOTS} slots, each holding the last string whose
 * hash fell there. A lookup that finds its content returns the shared string without allocating; a
 * miss stores the new string in its slot, replacing the old one. The table never grows (at most
 * {@value #SLOTS} strings of at most {@value #MAX_LENGTH} characters), so input chosen to miss
 * costs a string, as without the cache, and nothing more.
 *
 * <p>Thread-safe without locks: a slot is a plain reference, and a {@link String} is safely
 * published through its final fields, so a race only loses a sharing.
 */
final class StringCache {
  static final int SLOTS = 4096;
  static final int MAX_LENGTH = 256;

  private static final String[] NAMES = new String[SLOTS]; // lower-case header names
  private static final String[] VALUES = new String[SLOTS]; // values, compared exactly

  private StringCache() {}

  /** {@code name} in lower case, shared when seen before. */
  static String lowerName(CharSequence name) {
    if (name.length() > MAX_LENGTH) {
      return AsciiString.of(name).toLowerCase().toString();
    }
    int slot = AsciiString.hashCode(name) & (SLOTS - 1); // case-insensitive
    String cached = NAMES[slot];
    if (cached != null && AsciiString.contentEqualsIgnoreCase(cached, name)) {
      return cached;
    }
    String lower = toLowerCase(name);
    NAMES[slot] = lower;
    return lower;
  }

  /** {@code value} as a string, shared when an equal one was seen before. */
  static String value(CharSequence value) {
    if (value.length() > MAX_LENGTH) {
      return value.toString();
    }
    int slot = mix(value) & (SLOTS - 1);
    String cached = VALUES[slot];
    if (cached != null && AsciiString.contentEquals(cached, value)) {
      return cached;
    }
    String s = value.toString();
    VALUES[slot] = s;
    return s;
  }

  private static int mix(CharSequence s) {
    int h = s instanceof String str ? str.hashCode() : stringHash(s);
    return h ^ (h >>> 16);
  }

  private static int stringHash(CharSequence s) {
    int h = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  private static String toLowerCase(CharSequence name) {
    if (name instanceof AsciiString a) {
      return a.toLowerCase().toString();
    }
    return name.toString().toLowerCase(java.util.Locale.ROOT);
  }
}
