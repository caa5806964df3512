package dev.sio.protocol.socketio.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;

/**
 * Instants written as JavaScript's {@code JSON.stringify} writes a {@code Date} ({@code
 * Date.prototype.toISOString}): UTC, milliseconds, {@code "2026-12-02T01:02:03.456Z"}; a year
 * outside 0..9999 as six digits with a sign ({@code "+275760-09-13T00:00:00.000Z"}), and {@code
 * null} outside a JavaScript Date's range (±8.64e15 ms), as {@code JSON.stringify} writes an
 * invalid Date. Finer than a millisecond is cut off, as a Date cannot hold it.
 */
public final class JsDates {
  /** The largest distance from the epoch a JavaScript Date can hold, in milliseconds. */
  public static final long MAX_EPOCH_MILLIS = 8_640_000_000_000_000L;

  private JsDates() {}

  /** A Jackson module with these serializers for Instant, OffsetDateTime, ZonedDateTime, Date. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("sio-js-dates");
    module.addSerializer(Instant.class, new Writer<>(Instant.class, JsDates::millis));
    module.addSerializer(
        OffsetDateTime.class, new Writer<>(OffsetDateTime.class, t -> millis(t.toInstant())));
    module.addSerializer(
        ZonedDateTime.class, new Writer<>(ZonedDateTime.class, t -> millis(t.toInstant())));
    module.addSerializer(Date.class, new Writer<>(Date.class, Date::getTime));
    module.addSerializer(Calendar.class, new Writer<>(Calendar.class, Calendar::getTimeInMillis));
    return module;
  }

  /**
   * {@code epochMillis} as {@code toISOString} writes it, or {@code null} when a Date cannot hold
   * it.
   */
  public static String toIsoString(long epochMillis) {
    if (epochMillis > MAX_EPOCH_MILLIS || epochMillis < -MAX_EPOCH_MILLIS) {
      return null;
    }
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    long ms = Math.floorMod(epochMillis, 86_400_000L);
    java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
    StringBuilder b = new StringBuilder(27);
    int year = date.getYear();
    if (year >= 0 && year <= 9999) {
      pad(b, year, 4);
    } else {
      b.append(year < 0 ? '-' : '+');
      pad(b, Math.abs(year), 6);
    }
    b.append('-');
    pad(b, date.getMonthValue(), 2);
    b.append('-');
    pad(b, date.getDayOfMonth(), 2);
    b.append('T');
    pad(b, (int) (ms / 3_600_000L), 2);
    b.append(':');
    pad(b, (int) (ms / 60_000L % 60), 2);
    b.append(':');
    pad(b, (int) (ms / 1000L % 60), 2);
    b.append('.');
    pad(b, (int) (ms % 1000L), 3);
    return b.append('Z').toString();
  }

  private static long millis(Instant instant) {
    // Instant's range is wider than a long of milliseconds: clamp to just outside a Date's range.
    if (instant.getEpochSecond() > MAX_EPOCH_MILLIS / 1000) {
      return MAX_EPOCH_MILLIS + 1;
    }
    if (instant.getEpochSecond() < -MAX_EPOCH_MILLIS / 1000) {
      return -MAX_EPOCH_MILLIS - 1;
    }
    return instant.toEpochMilli();
  }

  private static void pad(StringBuilder b, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    b.append(digits);
  }

  private interface ToMillis<T> {
    long millis(T value);
  }

  private static final class Writer<T> extends StdSerializer<T> {
    private final transient ToMillis<T> toMillis;

    Writer(Class<T> type, ToMillis<T> toMillis) {
      super(type);
      this.toMillis = toMillis;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      String text = toIsoString(toMillis.millis(value));
      if (text == null) {
        gen.writeNull();
      } else {
        gen.writeString(text);
      }
    }
  }
}
