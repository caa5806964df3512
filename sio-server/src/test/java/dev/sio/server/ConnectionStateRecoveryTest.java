package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionStateRecoveryTest extends ServerHarness {
  private final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();

  private void startWithRecovery(Duration max) {
    start(b -> b.connectionStateRecovery(max));
    io.onConnection(
        socket -> {
          if (!socket.recovered()) {
            socket.join("news");
            socket.data().put("visits", 1);
          }
          sockets.add(socket);
        });
    listen();
  }

  private Socket nextSocket() throws InterruptedException {
    Socket s = sockets.poll(5, TimeUnit.SECONDS);
    assertThat(s).as("a connected socket").isNotNull();
    return s;
  }

  /** Waits until the server saw the dropped connection. */
  private static void awaitDisconnected(Socket socket) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (socket.connected() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(socket.connected()).isFalse();
  }

  @Test
  void connectAnswerHoldsSidAndPidAndBroadcastsCarryAnOffset() throws Exception {
    startWithRecovery(Duration.ofMinutes(2));
    TestClient c = client();
    JsonNode answer = c.connect("/");
    assertThat(answer.fieldNames()).toIterable().containsExactly("sid", "pid");
    nextSocket();
    io.emit("hello", "world");
    assertThat(c.nextText()).matches("42\\[\"hello\",\"world\",\"\\d+\"]");
    io.sockets().sockets().values().iterator().next().emit("direct", 1);
    assertThat(c.nextText()).matches("42\\[\"direct\",1,\"\\d+\"]");
    Idle.awaitWritable(io.sockets().sockets().values().iterator().next().conn());
    io.asVolatile().emit("volatile", 2);
    assertThat(c.nextText()).isEqualTo("42[\"volatile\",2]");
  }

  @Test
  void aClientWithPidAndOffsetGetsItsStateAndMissedEventsBack() throws Exception {
    startWithRecovery(Duration.ofMinutes(2));
    TestClient c = client();
    JsonNode first = c.connect("/");
    Socket original = nextSocket();
    io.to("news").emit("n", 1);
    String received = c.nextText();
    String offset = TestClient.JSON.readTree(received.substring(2)).get(2).asText();
    original.data().put("visits", 2);
    c.abort();
    awaitDisconnected(original);
    io.to("news").emit("n", 2);
    io.emit("n", 3);
    io.to("elsewhere").emit("n", 4);

    TestClient back = client();
    JsonNode answer =
        back.connect(
            "/", "{\"pid\":\"" + first.get("pid").asText() + "\",\"offset\":\"" + offset + "\"}");
    assertThat(answer.get("sid").asText()).isEqualTo(first.get("sid").asText());
    assertThat(answer.get("pid").asText()).isEqualTo(first.get("pid").asText());
    assertThat(back.nextText()).matches("42\\[\"n\",2,\"\\d+\"]");
    assertThat(back.nextText()).matches("42\\[\"n\",3,\"\\d+\"]");
    Socket recovered = nextSocket();
    assertThat(recovered.recovered()).isTrue();
    assertThat(recovered.id()).isEqualTo(original.id());
    assertThat(recovered.rooms()).containsExactlyInAnyOrder(recovered.id(), "news");
    assertThat(recovered.data()).containsEntry("visits", 2);
  }

  @Test
  void dataThatIsNoObjectIsKeptAcrossARecovery() throws Exception {
    startWithRecovery(Duration.ofMinutes(2));
    TestClient c = client();
    JsonNode first = c.connect("/");
    Socket original = nextSocket();
    assertThat(original.dataValue()).isEqualTo(java.util.Map.of("visits", 1));
    java.util.List<Object> value = java.util.List.of("a", 2, java.util.Map.of("b", true));
    original.setData(value);
    assertThat(original.dataValue()).isSameAs(value);
    assertThatThrownBy(original::data)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "socket data is a "
                + value.getClass().getName()
                + ", not an object: read it with dataValue()");
    c.abort();
    awaitDisconnected(original);

    TestClient back = client();
    back.connect("/", "{\"pid\":\"" + first.get("pid").asText() + "\"}");
    Socket recovered = nextSocket();
    assertThat(recovered.recovered()).isTrue();
    assertThat(recovered.dataValue()).isEqualTo(value);
  }

  @Test
  void aClientThatNeverReceivedAnEventRecoversWithItsPidAlone() throws Exception {
    startWithRecovery(Duration.ofMinutes(2));
    TestClient c = client();
    JsonNode first = c.connect("/");
    Socket original = nextSocket();
    c.abort();
    awaitDisconnected(original);
    io.to("news").emit("missed", 1);

    TestClient back = client();
    JsonNode answer = back.connect("/", "{\"pid\":\"" + first.get("pid").asText() + "\"}");
    assertThat(answer.get("sid").asText()).isEqualTo(first.get("sid").asText());
    assertThat(back.nextText()).matches("42\\[\"missed\",1,\"\\d+\"]");
    assertThat(nextSocket().recovered()).isTrue();
  }

  @Test
  void unknownOrExpiredSessionsGetANewSocket() throws Exception {
    startWithRecovery(Duration.ofMillis(100));
    TestClient c = client();
    JsonNode first = c.connect("/");
    Socket original = nextSocket();
    c.abort();
    awaitDisconnected(original);
    Thread.sleep(200);
    TestClient late = client();
    JsonNode answer = late.connect("/", "{\"pid\":\"" + first.get("pid").asText() + "\"}");
    assertThat(answer.get("sid").asText()).isNotEqualTo(first.get("sid").asText());
    assertThat(nextSocket().recovered()).isFalse();
    TestClient stranger = client();
    stranger.connect("/", "{\"pid\":\"nope\",\"offset\":\"1\"}");
    assertThat(nextSocket().recovered()).isFalse();
  }

  @Test
  void aClientNamespaceDisconnectIsNotRecoverable() throws Exception {
    startWithRecovery(Duration.ofMinutes(2));
    TestClient c = client();
    JsonNode first = c.connect("/");
    nextSocket();
    c.sendRaw("41");
    Thread.sleep(100);
    JsonNode again = c.connect("/", "{\"pid\":\"" + first.get("pid").asText() + "\"}");
    assertThat(again.get("sid").asText()).isNotEqualTo(first.get("sid").asText());
    assertThat(nextSocket().recovered()).isFalse();
  }

  @Test
  void recoveredSocketsSkipMiddlewaresByDefault() throws Exception {
    start(b -> b.connectionStateRecovery(Duration.ofMinutes(2)));
    io.use(
        (socket, next) -> {
          seen.add("middleware");
          next.accept();
        });
    io.onConnection(sockets::add);
    listen();
    TestClient c = client();
    JsonNode first = c.connect("/");
    assertThat(nextSeen()).isEqualTo("middleware");
    Socket original = nextSocket();
    c.abort();
    awaitDisconnected(original);
    TestClient back = client();
    back.connect("/", "{\"pid\":\"" + first.get("pid").asText() + "\"}");
    assertThat(nextSocket().recovered()).isTrue();
  }
}
