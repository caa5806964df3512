package dev.sio.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a request's raw query string into its parameters, with the rules of Netty's {@code
 * QueryStringDecoder} (which the Netty binding used before, so every binding reads a query alike):
 *
 * <ul>
 *   <li>{@code &} and {@code ;} separate parameters, a {@code #} ends the query;
 *   <li>the first {@code =} after a name starts its value (later ones belong to the value); an
 *       {@code =} where a name should start is skipped, so {@code =x} is the name {@code x};
 *   <li>a parameter without a name is dropped, one without {@code =} has the value {@code ""};
 *   <li>{@code +} is a space, and each run of {@code %XX} escapes is decoded as UTF-8 (malformed
 *       bytes become U+FFFD); other characters are kept as they are;
 *   <li>at most {@value #MAX_PARAMS} parameters are read, the rest is ignored.
 * </ul>
 *
 * Repeated names keep every value in order. Stateless.
 */
public final class QueryStrings {
  /** The most parameters read from one query (Netty's default {@code maxParams}). */
  static final int MAX_PARAMS = 1024;

  private QueryStrings() {}

  /**
   * {@return the parameters of {@code rawQuery} (the part after {@code ?}, still escaped) in the
   * order their names first appear; empty when {@code rawQuery} is null or empty} The map and its
   * lists are new and mutable.
   *
   * @param rawQuery the query, or null
   * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits
   */
  public static Map<String, List<String>> decode(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    int left = MAX_PARAMS;
    int nameStart = 0;
    int valueStart = -1;
    int n = rawQuery.length();
    int i = 0;
    scan:
    for (; i < n; i++) {
      switch (rawQuery.charAt(i)) {
        case '=' -> {
          if (nameStart == i) {
            nameStart = i + 1; // no name yet: the '=' is skipped
          } else if (valueStart < nameStart) {
            valueStart = i + 1;
          }
        }
        case '&', ';' -> {
          if (add(rawQuery, nameStart, valueStart, i, params) && --left == 0) {
            return params;
          }
          nameStart = i + 1;
        }
        case '#' -> {
          break scan;
        }
        default -> {}
      }
    }
    add(rawQuery, nameStart, valueStart, i, params);
    return params;
  }

  private static boolean add(
      String s, int nameStart, int valueStart, int end, Map<String, List<String>> params) {
    if (nameStart >= end) {
      return false;
    }
    if (valueStart <= nameStart) {
      valueStart = end + 1; // no '=': the whole part is the name, the value is empty
    }
    String name = component(s, nameStart, valueStart - 1);
    String value = component(s, valueStart, end);
    params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    return true;
  }

  /** {@code s[from, to)} with {@code +} as a space and {@code %XX} runs decoded as UTF-8. */
  static String component(String s, int from, int to) {
    if (to <= from) {
      return "";
    }
    int firstEscaped = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+') {
        firstEscaped = i;
        break;
      }
    }
    if (firstEscaped < 0) {
      return s.substring(from, to);
    }
    byte[] bytes = new byte[(to - firstEscaped) / 3];
    StringBuilder out = new StringBuilder(to - from).append(s, from, firstEscaped);
    for (int i = firstEscaped; i < to; i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c == '+' ? ' ' : c);
        continue;
      }
      int count = 0;
      do {
        if (i + 3 > to) {
          throw new IllegalArgumentException(
              "unterminated escape sequence at index " + i + " of the query");
        }
        bytes[count++] = hexByte(s, i + 1);
        i += 3;
      } while (i < to && s.charAt(i) == '%');
      i--;
      out.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static byte hexByte(String s, int at) {
    int hi = Character.digit(s.charAt(at), 16);
    int lo = Character.digit(s.charAt(at + 1), 16);
    if (hi < 0 || lo < 0 || s.charAt(at) > 0x7f || s.charAt(at + 1) > 0x7f) {
      throw new IllegalArgumentException(
          "invalid hex byte '" + s.substring(at, at + 2) + "' at index " + at + " of the query");
    }
    return (byte) ((hi << 4) | lo);
  }
}
