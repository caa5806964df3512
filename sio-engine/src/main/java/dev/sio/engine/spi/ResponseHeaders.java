package dev.sio.engine.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The headers of one response, in the order they were added, which is the order they go on the
 * wire. Names compare case-insensitively and keep the spelling they were added with. {@link
 * #set(String, String)} removes every earlier value of the name and adds the new one at the end, as
 * Netty's headers do.
 *
 * <p>Every name and value is checked when added, so that nothing added here can split a response: a
 * name must be an RFC 9110 {@code token} ({@code !#$%&'*+-.^_`|~}, digits, letters), a value must
 * hold no control character other than HTAB (no CR, LF or NUL; DEL is a control character too) and
 * must not start with SP or HTAB. These are the rules of Netty's validating {@code
 * DefaultHttpHeaders}. A bad one is an {@link IllegalArgumentException} that says what is wrong and
 * where.
 *
 * <p>Not thread-safe: one response is built on one thread at a time.
 *
 * <pre>{@code
 * ResponseHeaders h = new ResponseHeaders();
 * h.set("Content-Type", "text/plain; charset=UTF-8");
 * h.add("Set-Cookie", "io=abc; Path=/");
 * h.forEach((name, value) -> System.out.println(name + ": " + value));
 * }</pre>
 */
public final class ResponseHeaders {
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private static final String[] NONE = {};

  // name, value, name, value, ... in order; made by the first header (an upgrade often has none)
  private String[] entries = NONE;
  private int size; // entries used (twice the number of headers)

  /** Empty headers. */
  public ResponseHeaders() {}

  /**
   * Adds {@code value} for {@code name} after those already there.
   *
   * @param name the name, a token
   * @param value the value
   * @return this
   * @throws IllegalArgumentException when the name or the value is not allowed
   */
  public ResponseHeaders add(String name, String value) {
    checkName(name);
    checkValue(name, value);
    append(name, value);
    return this;
  }

  /**
   * Replaces every value of {@code name} with {@code value}, now the last header.
   *
   * @param name the name, a token
   * @param value the value
   * @return this
   * @throws IllegalArgumentException when the name or the value is not allowed
   */
  public ResponseHeaders set(String name, String value) {
    checkName(name);
    checkValue(name, value);
    remove(name);
    append(name, value);
    return this;
  }

  /**
   * {@return the first value of {@code name}, or {@code null}}
   *
   * @param name the name, in any case
   */
  public String get(String name) {
    for (int i = 0; i < size; i += 2) {
      if (sameName(entries[i], name)) {
        return entries[i + 1];
      }
    }
    return null;
  }

  /**
   * {@return every value of {@code name} in order (a copy; empty when none)}
   *
   * @param name the name, in any case
   */
  public List<String> getAll(String name) {
    List<String> out = null;
    for (int i = 0; i < size; i += 2) {
      if (sameName(entries[i], name)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(entries[i + 1]);
      }
    }
    return out == null ? Collections.emptyList() : out;
  }

  /**
   * Removes every value of {@code name}.
   *
   * @param name the name, in any case
   * @return true when there was one
   */
  public boolean remove(String name) {
    int kept = 0;
    for (int i = 0; i < size; i += 2) {
      if (!sameName(entries[i], name)) {
        entries[kept] = entries[i];
        entries[kept + 1] = entries[i + 1];
        kept += 2;
      }
    }
    boolean removed = kept != size;
    Arrays.fill(entries, kept, size, null);
    size = kept;
    return removed;
  }

  /** Removes every header. */
  public void clear() {
    Arrays.fill(entries, 0, size, null);
    size = 0;
  }

  /**
   * {@return the names in the order they first appear, each once (case-insensitively), spelled as
   * at that first appearance}
   */
  public List<String> names() {
    List<String> out = new ArrayList<>(size / 2);
    outer:
    for (int i = 0; i < size; i += 2) {
      for (int j = 0; j < i; j += 2) {
        if (sameName(entries[j], entries[i])) {
          continue outer;
        }
      }
      out.add(entries[i]);
    }
    return out;
  }

  /** {@return the number of headers (a name with two values counts twice)} */
  public int size() {
    return size / 2;
  }

  /** {@return true when there is no header} */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Gives each header to {@code action} in order.
   *
   * @param action takes a name and its value
   */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < size; i += 2) {
      action.accept(entries[i], entries[i + 1]);
    }
  }

  /** {@return the headers as {@code name: value} lines, for logs} */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ResponseHeaders[");
    for (int i = 0; i < size; i += 2) {
      b.append(i == 0 ? "" : ", ").append(entries[i]).append(": ").append(entries[i + 1]);
    }
    return b.append(']').toString();
  }

  private void append(String name, String value) {
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, Math.max(16, size * 2));
    }
    entries[size] = name;
    entries[size + 1] = value;
    size += 2;
  }

  /** ASCII case-insensitive, as header names are tokens. */
  private static boolean sameName(String a, String b) {
    int n = a.length();
    if (n != b.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a header name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 128 || !TCHAR[c]) {
        throw new IllegalArgumentException(
            "header name \""
                + printable(name)
                + "\" has "
                + describe(c)
                + " at index "
                + i
                + ": a name must be an RFC 9110 token");
      }
    }
  }

  private static void checkValue(String name, String value) {
    Objects.requireNonNull(value, () -> "the value of header " + name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(
            "the value of header " + name + " has " + describe(c) + " at index " + i);
      }
    }
    if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(0) == '\t')) {
      throw new IllegalArgumentException(
          "the value of header " + name + " starts with " + describe(value.charAt(0)));
    }
  }

  private static String describe(char c) {
    String hex = String.format(java.util.Locale.ROOT, "0x%02x", (int) c);
    return switch (c) {
      case '\r' -> "a CR (" + hex + ")";
      case '\n' -> "an LF (" + hex + ")";
      case 0 -> "a NUL (" + hex + ")";
      case ' ' -> "a space (" + hex + ")";
      case '\t' -> "a tab (" + hex + ")";
      default ->
          c < 0x20 || c == 0x7f
              ? "the control character " + hex
              : "the character '" + c + "' (" + hex + ")";
    };
  }

  /** {@code s} with control characters escaped, so that a message never carries a line break. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
