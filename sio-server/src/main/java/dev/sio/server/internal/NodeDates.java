package dev.sio.server.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Dates as JavaScript's {@code Date#toString()} writes them (Node's {@code handshake.time}). */
public final class NodeDates {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ENGLISH);

  // The last date written, by second: the handshakes of one second share one string. Any thread;
  // a race only formats twice.
  private static volatile Cached last = new Cached(Long.MIN_VALUE, null, "");

  private record Cached(long second, ZoneId zone, String text) {}

  private NodeDates() {}

  /** For example {@code Sat Nov 21 2026 22:35:18 GMT+0000 (Coordinated Universal Time)}. */
  public static String toJsString(Instant instant) {
    ZoneId zoneId = ZoneId.systemDefault();
    Cached c = last;
    if (c.second() == instant.getEpochSecond() && c.zone().equals(zoneId)) {
      return c.text();
    }
    String text = format(instant, zoneId);
    last = new Cached(instant.getEpochSecond(), zoneId, text);
    return text;
  }

  private static String format(Instant instant, ZoneId zoneId) {
    ZonedDateTime time = instant.atZone(zoneId);
    String zone =
        time.getZone().getId().equals("UTC") || time.getZone().getId().equals("Etc/UTC")
            ? "Coordinated Universal Time"
            : time.getZone().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    return FORMAT.format(time) + " (" + zone + ")";
  }
}
