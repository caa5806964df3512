package dev.sio.engine.internal;

/**
 * UTF-8 as the engine puts text on the wire, the same for every binding: well-formed text is plain
 * UTF-8; a lone surrogate becomes {@code '?'}, and the character after a high surrogate that is not
 * a low one is written as one byte (its low eight bits, or {@code '?'} when it is a high surrogate
 * too). These are the replacements of Netty's {@code ByteBufUtil.writeUtf8}, so the lengths here
 * equal its {@code utf8Bytes}, and a body encoded here is the body Netty writes.
 */
public final class Utf8 {
  private static final byte UNKNOWN = (byte) '?';

  private Utf8() {}

  /** {@return the number of bytes {@link #encode(CharSequence)} gives for {@code s}} */
  public static int length(CharSequence s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) < 0x80) {
      i++;
    }
    int bytes = i;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (!Character.isSurrogate(c)) {
        bytes += 3;
      } else if (!Character.isHighSurrogate(c)) {
        bytes++; // a lone low surrogate: '?'
      } else if (++i == n) {
        bytes++; // a high surrogate at the end: '?'
      } else if (!Character.isLowSurrogate(s.charAt(i))) {
        bytes += 2; // '?' and one byte for the next character
      } else {
        bytes += 4;
      }
    }
    return bytes;
  }

  /** {@return the UTF-8 bytes of {@code s}, with the replacements described above} */
  public static byte[] encode(CharSequence s) {
    byte[] out = new byte[length(s)];
    int n = s.length();
    int o = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xc0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        out[o++] = (byte) (0xe0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (!Character.isHighSurrogate(c)) {
        out[o++] = UNKNOWN;
      } else if (++i == n) {
        out[o++] = UNKNOWN;
      } else {
        char low = s.charAt(i);
        if (!Character.isLowSurrogate(low)) {
          out[o++] = UNKNOWN;
          out[o++] = Character.isHighSurrogate(low) ? UNKNOWN : (byte) low;
        } else {
          int cp = Character.toCodePoint(c, low);
          out[o++] = (byte) (0xf0 | (cp >> 18));
          out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          out[o++] = (byte) (0x80 | (cp & 0x3f));
        }
      }
    }
    return out;
  }
}
