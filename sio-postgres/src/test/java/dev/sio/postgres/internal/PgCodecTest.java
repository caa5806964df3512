package dev.sio.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterProtocol;
import dev.sio.cluster.internal.JsonValues;
import dev.sio.cluster.internal.MsgpackValues;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The notifications and attachments as {@code @socket.io/postgres-adapter} 0.5 writes and reads
 * them: strings and bytes, both directions, and the malformed ones with their errors.
 */
class PgCodecTest {
  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static ObjectNode json(String s) {
    return (ObjectNode) JsonValues.parse(s);
  }

  @Test
  void aSmallMessageIsItsJsonInTheAdaptersKeyOrder() {
    ClusterMessage m =
        new ClusterMessage(
            "0123456789abcdef",
            "/",
            ClusterProtocol.BROADCAST,
            json(
                "{\"packet\":{\"type\":2,\"data\":[\"chat\",\"hi\",1]},"
                    + "\"opts\":{\"rooms\":[\"r\"],\"except\":[],\"flags\":{}}}"));
    PgCodec.Encoded e = PgCodec.encode(m.toNode(), true, 8000);
    assertThat(e.attachment()).isNull();
    assertThat(text(e.json()))
        .isEqualTo(
            "{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"chat\",\"hi\",1]},"
                + "\"opts\":{\"rooms\":[\"r\"],\"except\":[],\"flags\":{}}},"
                + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
  }

  @Test
  void aHeartbeatHasNoData() {
    ClusterMessage m = new ClusterMessage("0123456789abcdef", "/", ClusterProtocol.HEARTBEAT, null);
    assertThat(text(PgCodec.encode(m.toNode(), false, 8000).json()))
        .isEqualTo("{\"type\":2,\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
  }

  @Test
  void binaryGoesToTheTableAsMsgpackOfTheWholeMessage() {
    ObjectNode data = json("{\"packet\":[\"ping\"]}");
    data.withArray("packet").add(new byte[] {1, 2, 3});
    ClusterMessage m =
        new ClusterMessage("0123456789abcdef", "/", ClusterProtocol.SERVER_SIDE_EMIT, data);
    PgCodec.Encoded e = PgCodec.encode(m.toNode(), true, 8000);
    assertThat(e.json()).isNull();
    // {type: 9, data: {packet: ["ping", <bin 010203>]}, uid: "0123456789abcdef", nsp: "/"}
    assertThat(e.attachment())
        .isEqualTo(
            bytes(
                "84 a4 74797065 09 a4 64617461 81 a6 7061636b6574 92 a4 70696e67 c4 03 010203"
                    + " a3 756964 b0 30313233343536373839616263646566 a3 6e7370 a1 2f"));
    assertThat(MsgpackValues.decode(e.attachment())).isEqualTo(m.toNode());
  }

  @Test
  void binaryInATypeThatCannotCarryItStaysJsonAsInNode() {
    // FETCH_SOCKETS_RESPONSE is not in the Node adapter's list: JSON.stringify writes the Buffer
    ObjectNode data = json("{\"requestId\":\"r\",\"sockets\":[]}");
    data.withArray("sockets").addObject().put("data", new byte[] {5});
    ClusterMessage m = new ClusterMessage("u", "/", ClusterProtocol.FETCH_SOCKETS_RESPONSE, data);
    assertThat(PgCodec.adapterBinaryType(ClusterProtocol.FETCH_SOCKETS_RESPONSE)).isFalse();
    assertThat(text(PgCodec.encode(m.toNode(), false, 8000).json()))
        .contains("\"data\":{\"type\":\"Buffer\",\"data\":[5]}");
  }

  @Test
  void jsonOverTheThresholdOrNotifysLimitGoesToTheTable() {
    ObjectNode n = new ClusterMessage("u", "/", 9, json("{\"packet\":[\"x\"]}")).toNode();
    int size = PgCodec.encode(n, true, 8000).json().length;
    assertThat(PgCodec.encode(n, true, size).json()).isNotNull(); // not over: stays a notification
    assertThat(PgCodec.encode(n, true, size - 1).attachment()).isNotNull();
    ObjectNode exactly8000 =
        new ClusterMessage("u", "/", 9, json("{\"packet\":[\"" + "y".repeat(8001 - size) + "\"]}"))
            .toNode();
    assertThat(JsonValues.stringify(exactly8000)).hasSize(8000);
    // Node would try pg_notify and fail (the payload must be shorter than 8000 bytes)
    assertThat(PgCodec.encode(exactly8000, true, 8000).attachment()).isNotNull();
  }

  @Test
  void anAttachmentsHeaderCarriesTheIdAsText() {
    assertThat(text(PgCodec.header("0123456789abcdef", 3, 42)))
        .isEqualTo("{\"uid\":\"0123456789abcdef\",\"type\":3,\"attachmentId\":\"42\"}");
    assertThat(PgCodec.attachmentId(PgCodec.parseNotification("{\"attachmentId\":\"42\"}")))
        .isEqualTo(42);
    assertThat(PgCodec.attachmentId(PgCodec.parseNotification("{\"attachmentId\":43}")))
        .isEqualTo(43);
    assertThat(PgCodec.attachmentId(PgCodec.parseNotification("{\"type\":3}"))).isEqualTo(-1);
    assertThatThrownBy(
            () -> PgCodec.attachmentId(PgCodec.parseNotification("{\"attachmentId\":\"x1\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid attachmentId: \"x1\"");
  }

  @Test
  void theOfficialEmittersMessagesWithoutNspTakeThePacketsOrTheChannelsNamespace() {
    // what @socket.io/postgres-emitter 0.1.1 writes: {type, data, uid}, no nsp
    ClusterMessage broadcast =
        PgCodec.message(
            PgCodec.parseNotification(
                "{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"e\"],\"nsp\":\"/chat\"},"
                    + "\"opts\":{\"rooms\":[],\"flags\":{},\"except\":[]}},\"uid\":\"emitter\"}"),
            "/ignored");
    assertThat(broadcast.nsp()).isEqualTo("/chat");
    assertThat(broadcast.uid()).isEqualTo("emitter");
    ClusterMessage join =
        PgCodec.message(
            PgCodec.parseNotification(
                "{\"type\":4,\"data\":{\"opts\":{\"rooms\":[],\"except\":[]},\"rooms\":[\"r\"]},"
                    + "\"uid\":\"emitter\"}"),
            "/chat");
    assertThat(join.nsp()).isEqualTo("/chat");
    assertThat(join.type()).isEqualTo(ClusterProtocol.SOCKETS_JOIN);
  }

  @Test
  void malformedNotificationsAreRefusedWithAReason() {
    assertThatThrownBy(() -> PgCodec.parseNotification("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("notification payload must be a JSON object");
    assertThatThrownBy(() -> PgCodec.parseNotification("{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON payload");
    assertThatThrownBy(() -> PgCodec.message(PgCodec.parseNotification("{\"type\":3}"), "/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster message has no uid");
    assertThatThrownBy(
            () -> PgCodec.message(PgCodec.parseNotification("{\"uid\":\"u\",\"type\":\"3\"}"), "/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster message has no numeric type");
  }

  @Test
  void theSqlMatchesTheNodeAdapters() {
    assertThat(PgProtocol.channel("socket.io", "/admin")).isEqualTo("socket.io#/admin");
    assertThat(PgProtocol.listen("socket.io#/")).isEqualTo("LISTEN \"socket.io#/\"");
    assertThat(PgProtocol.listen("a\"b")).isEqualTo("LISTEN \"a\"\"b\"");
    assertThat(PgProtocol.cleanup("socket_io_attachments", 30000))
        .isEqualTo(
            "DELETE FROM socket_io_attachments WHERE created_at < now() - interval '30000"
                + " milliseconds'");
  }

  private static byte[] bytes(String hex) {
    String h = hex.replace(" ", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
