package dev.sio.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one load run, in order, each a number or a word. Printed as one {@code RESULT
 * key=value …} line that {@link #parse} reads back (the matrix runs the tool as a child process).
 */
public final class ScenarioResult {
  /** The prefix of the printed line. */
  public static final String LINE_PREFIX = "RESULT ";

  private final Map<String, String> figures = new LinkedHashMap<>();

  /**
   * Adds or replaces a figure; a double keeps three decimals.
   *
   * @param key the key
   * @param value the figure; a double keeps three decimals
   * @return this scenario result
   */
  public ScenarioResult put(String key, Object value) {
    if (key.contains(" ") || key.contains("=")) {
      throw new IllegalArgumentException("bad key: " + key);
    }
    String text =
        value instanceof Double || value instanceof Float
            ? String.format(java.util.Locale.ROOT, "%.3f", ((Number) value).doubleValue())
            : String.valueOf(value);
    figures.put(key, text.replace(' ', '_'));
    return this;
  }

  /**
   * {@return the figure {@code key} as text, or {@code null}}
   *
   * @param key the key
   */
  public String get(String key) {
    return figures.get(key);
  }

  /**
   * {@return the figure {@code key} as a number, or NaN when absent or not a number}
   *
   * @param key the key
   */
  public double number(String key) {
    String v = figures.get(key);
    if (v == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@return every figure in order} */
  public Map<String, String> figures() {
    return Collections.unmodifiableMap(figures);
  }

  /** {@return the one-line form: {@code RESULT key=value key=value}} */
  public String toLine() {
    StringBuilder sb = new StringBuilder(LINE_PREFIX);
    figures.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
    return sb.toString().trim();
  }

  /**
   * Reads a line made by {@link #toLine()}.
   *
   * @param line the line
   * @return the new scenario result
   */
  public static ScenarioResult parse(String line) {
    if (!line.startsWith(LINE_PREFIX)) {
      throw new IllegalArgumentException("not a result line: " + line);
    }
    ScenarioResult r = new ScenarioResult();
    for (String pair : line.substring(LINE_PREFIX.length()).trim().split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        r.figures.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return r;
  }

  @Override
  public String toString() {
    return toLine();
  }
}
