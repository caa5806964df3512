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

  private NodeDates() {}

  /** For example {@code Sat Nov 21 2026 22:35:18 GMT+0000 (Coordinated Universal Time)}. */
  public static String toJsString(Instant instant) {
    ZonedDateTime time = instant.atZone(ZoneId.systemDefault());
    String zone =
        time.getZone().getId().equals("UTC") || time.getZone().getId().equals("Etc/UTC")
            ? "Coordinated Universal Time"
            : time.getZone().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    return FORMAT.format(time) + " (" + zone + ")";
  }
}
