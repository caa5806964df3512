package dev.sio.cluster.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** JavaScript's two text forms of a {@code Date}, as they cross the cluster. */
public final class JsDates {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TO_STRING =
      DateTimeFormatter.ofPattern(
              "EEE MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private JsDates() {}

  /** {@code Date#toJSON()}: {@code 2026-11-21T22:00:48.518Z}. */
  public static String toJson(Instant time) {
    return ISO.format(time);
  }

  /**
   * {@code Date#toString()} in UTC, as Node writes {@code handshake.time}: {@code Sat Nov 21 2026
   * 22:00:48 GMT+0000 (Coordinated Universal Time)}.
   */
  public static String toDateString(Instant time) {
    return TO_STRING.format(time);
  }
}
