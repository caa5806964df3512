package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Formats doubles exactly as JavaScript's {@code Number.prototype.toString} (and so {@code
 * JSON.stringify}) does: shortest round-tripping digits, no {@code .0} on integral values, plain
 * notation from {@code 1e-7} up to {@code 1e21}, exponents written {@code 1e+21} and {@code 1e-7},
 * and {@code null} for NaN and the infinities (as in JSON).
 */
public final class JsNumbers {
  private JsNumbers() {}

  /** {@code value} the way {@code JSON.stringify(value)} writes it. */
  public static String toJs(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e18) {
      return value == 0 ? "0" : Long.toString((long) value);
    }
    if (!Double.isNaN(value) && !Double.isInfinite(value)) {
      String java = NumberOutput.toString(value, true);
      if (java.indexOf('E') < 0) {
        return java; // 1e-3 <= |value| < 1e7, not integral: Java's plain layout is JavaScript's
      }
    }
    StringBuilder out = new StringBuilder(24);
    appendDouble(out, value);
    return out.toString();
  }

  /** Appends {@code value} the way {@code JSON.stringify(value)} writes it. */
  public static void appendDouble(StringBuilder out, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.append("null");
      return;
    }
    if (value == 0) { // also -0, which JSON.stringify writes as 0
      out.append('0');
      return;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e18) {
      out.append((long) value);
      return;
    }
    // Schubfach gives the shortest digits that round-trip (JDK 17's Double.toString does not
    // always); its layout is Java's ("1.0E-7"), so re-layout the digits the JavaScript way.
    String java = NumberOutput.toString(value, true);
    int e = java.indexOf('E');
    if (e < 0) {
      // 1e-3 <= |value| < 1e7, not integral: Java's plain layout is JavaScript's
      out.append(java);
      return;
    }
    int at = 0;
    if (java.charAt(0) == '-') {
      out.append('-');
      at = 1;
    }
    int mantissaEnd = e;
    int exponent = Integer.parseInt(java, e + 1, java.length(), 10);
    char[] digits = new char[mantissaEnd - at];
    int k = 0;
    int point = -1;
    for (int i = at; i < mantissaEnd; i++) {
      char c = java.charAt(i);
      if (c == '.') {
        point = k;
      } else {
        digits[k++] = c;
      }
    }
    int n = (point < 0 ? k : point) + exponent; // value = 0.d1d2d3... * 10^n
    int start = 0;
    while (start < k && digits[start] == '0') {
      start++;
      n--;
    }
    int end = k;
    while (end > start && digits[end - 1] == '0') {
      end--;
    }
    String d = new String(digits, start, end - start);
    if (d.length() == 2) {
      // Java may prefer two digits where JavaScript takes the shortest one (4.9e-324 vs 5e-324).
      String one = oneDigit(d, n, value);
      if (one != null) {
        n += one.length() == 2 ? 1 : 0;
        d = one.substring(0, 1);
      }
    }
    layout(out, d, n);
  }

  /** A one-digit form of the two digits {@code d} (times 10^n) that still parses to {@code v}. */
  private static String oneDigit(String d, int n, double v) {
    int first = d.charAt(0) - '0';
    int rounded = d.charAt(1) >= '5' ? first + 1 : first;
    int other = rounded == first ? first + 1 : first;
    for (int candidate : new int[] {rounded, other}) {
      if (candidate == 0) {
        continue;
      }
      double parsed = Double.parseDouble(candidate + "e" + (n - 1));
      if (parsed == Math.abs(v)) {
        return candidate == 10 ? "10" : Integer.toString(candidate);
      }
    }
    return null;
  }

  /** Lays out digits {@code d} (no leading or trailing zeros) of 0.d * 10^n as ECMAScript does. */
  private static void layout(StringBuilder out, String d, int n) {
    int k = d.length();
    if (k <= n && n <= 21) {
      out.append(d);
      for (int i = k; i < n; i++) {
        out.append('0');
      }
    } else if (0 < n && n <= 21) {
      out.append(d, 0, n).append('.').append(d, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = n; i < 0; i++) {
        out.append('0');
      }
      out.append(d);
    } else {
      int exp = n - 1;
      out.append(d.charAt(0));
      if (k > 1) {
        out.append('.').append(d, 1, k);
      }
      out.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
    }
  }
}
