package dev.sio.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Dates in the default mapper as {@code JSON.stringify(new Date(ms))} writes them (node 20). */
class JsonParserDatesTest {
  private final ObjectMapper mapper = JsonParser.defaultMapper();

  record Stamped(Instant at, Date when, Optional<String> note) {}

  // {epoch ms, what JSON.stringify(new Date(ms)) printed in node 20}
  private static final List<Object[]> NODE_VECTORS =
      List.of(
          new Object[] {0L, "\"1970-01-01T00:00:00.000Z\""},
          new Object[] {1796173323456L, "\"2026-12-02T01:02:03.456Z\""},
          new Object[] {-1L, "\"1969-12-31T23:59:59.999Z\""},
          new Object[] {-62198755200000L, "\"-000001-01-01T00:00:00.000Z\""},
          new Object[] {-62167219200001L, "\"-000001-12-31T23:59:59.999Z\""},
          new Object[] {253402300799999L, "\"9999-12-31T23:59:59.999Z\""},
          new Object[] {253402300800000L, "\"+010000-01-01T00:00:00.000Z\""},
          new Object[] {8640000000000000L, "\"+275760-09-13T00:00:00.000Z\""},
          new Object[] {-8640000000000000L, "\"-271821-04-20T00:00:00.000Z\""},
          new Object[] {8640000000000001L, "null"});

  @Test
  void instantsAndDatesAreWrittenAsJavaScriptWritesADate() throws Exception {
    for (Object[] v : NODE_VECTORS) {
      long ms = (Long) v[0];
      assertThat(mapper.writeValueAsString(Instant.ofEpochMilli(ms)))
          .as("Instant %d", ms)
          .isEqualTo(v[1]);
      assertThat(mapper.writeValueAsString(new Date(ms))).as("Date %d", ms).isEqualTo(v[1]);
    }
  }

  @Test
  void zonedOffsetAndCalendarValuesAreWrittenInUtcWithMillisecondsCutOff() throws Exception {
    Instant at = Instant.parse("2026-12-02T01:02:03.456789Z");
    String js = "\"2026-12-02T01:02:03.456Z\"";
    assertThat(mapper.writeValueAsString(at)).isEqualTo(js);
    assertThat(mapper.writeValueAsString(at.atOffset(ZoneOffset.ofHours(5)))).isEqualTo(js);
    assertThat(mapper.writeValueAsString(at.atZone(ZoneId.of("America/New_York")))).isEqualTo(js);
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("Asia/Tokyo"));
    calendar.setTimeInMillis(at.toEpochMilli());
    assertThat(mapper.writeValueAsString(calendar)).isEqualTo(js);
    assertThat(mapper.writeValueAsString(Instant.MAX)).isEqualTo("null");
    assertThat(mapper.writeValueAsString(Instant.MIN)).isEqualTo("null");
  }

  @Test
  void theTreesAPacketCarriesHoldTheText() {
    Instant at = Instant.ofEpochMilli(1796173323456L);
    SocketPacket packet =
        new SocketPacket(
            SocketPacketType.EVENT,
            "/",
            PacketArguments.toArray(mapper, "tick", new Object[] {at, Map.of("d", Date.from(at))}),
            -1);
    assertThat(JsonParser.create().encode(packet))
        .containsExactly(
            "2[\"tick\",\"2026-12-02T01:02:03.456Z\",{\"d\":\"2026-12-02T01:02:03.456Z\"}]");
  }

  @Test
  void javaScriptDatesAndEpochMillisecondsAreReadBack() throws Exception {
    String json = "{\"at\":\"2026-12-02T01:02:03.456Z\",\"when\":\"2026-12-02T01:02:03.456Z\"}";
    Stamped read = mapper.readValue(json, Stamped.class);
    assertThat(read.at()).isEqualTo(Instant.ofEpochMilli(1796173323456L));
    assertThat(read.when()).isEqualTo(new Date(1796173323456L));
    assertThat(read.note()).isEmpty();
    Stamped numbers =
        mapper.readValue("{\"at\":1796173323456,\"when\":1796173323456}", Stamped.class);
    assertThat(numbers.at()).isEqualTo(read.at());
    assertThat(numbers.when()).isEqualTo(read.when());
    assertThat(mapper.readValue("\"2026-12-02T01:02:03.456Z\"", OffsetDateTime.class).toInstant())
        .isEqualTo(read.at());
    assertThat(mapper.readValue("\"2026-12-02T01:02:03.456Z\"", ZonedDateTime.class).toInstant())
        .isEqualTo(read.at());
  }

  @Test
  void otherJavaTimeValuesAreIsoTextAndOptionalIsItsValue() throws Exception {
    assertThat(mapper.writeValueAsString(LocalDate.of(2026, 12, 2))).isEqualTo("\"2026-12-02\"");
    assertThat(mapper.writeValueAsString(Duration.ofSeconds(90))).isEqualTo("\"PT1M30S\"");
    assertThat(mapper.writeValueAsString(Optional.of("x"))).isEqualTo("\"x\"");
    assertThat(mapper.readValue("\"PT1M30S\"", Duration.class)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aMapperOfYourOwnIsUsedAsItIs() {
    ObjectMapper plain = new ObjectMapper();
    assertThat(JsonParser.create(plain).mapper()).isSameAs(plain);
    assertThat(JsonParser.newMapper()).isNotSameAs(JsonParser.defaultMapper());
    assertThat(PacketArguments.toNode(plain, new Date(5)).toString()).isEqualTo("5");
  }
}
