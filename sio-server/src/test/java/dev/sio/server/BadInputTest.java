package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Malformed input gets Node's answer and closes only the offending connection. */
class BadInputTest extends ServerHarness {

  private TestClient bystander;
  private final java.util.concurrent.BlockingQueue<String> reasons =
      new java.util.concurrent.LinkedBlockingQueue<>();

  private void startEcho() throws Exception {
    start(b -> b.maxHttpBufferSize(10_000));
    io.onConnection(
        socket -> {
          socket.on("echo", (args, ack) -> socket.emit("echo", args.toArray()));
          socket.onError(error -> seen.add("error " + error.getClass().getSimpleName()));
          socket.onDisconnect(reasons::add);
        });
    listen();
    bystander = client();
    bystander.connect("/");
  }

  private void assertBystanderFine() throws Exception {
    bystander.sendRaw("42[\"echo\",1]");
    assertThat(bystander.nextText()).isEqualTo("42[\"echo\",1]");
  }

  private void assertClosedWith(String... frames) throws Exception {
    TestClient c = client();
    c.connect("/");
    for (String frame : frames) {
      c.sendRaw(frame);
    }
    c.awaitClosed();
    assertThat(nextSeen()).isEqualTo("error ProtocolException");
    assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("forced close");
    assertBystanderFine();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "4",
        "49",
        "42",
        "42[",
        "42[]",
        "42[null]",
        "42[\"connect\"]",
        "43[1",
        "45-[\"echo\"]",
        "451x[\"echo\"]",
        "42\"just a string\""
      })
  void malformedPacketsCloseOnlyTheirConnection(String frame) throws Exception {
    startEcho();
    TestClient c = client();
    c.connect("/");
    c.sendRaw(frame);
    c.awaitClosed();
    assertThat(nextSeen()).isEqualTo("error ProtocolException");
    assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("forced close");
    assertBystanderFine();
  }

  @Test
  void unknownPacketType() throws Exception {
    startEcho();
    assertClosedWith("4abc");
  }

  @Test
  void nonArrayEventPayload() throws Exception {
    startEcho();
    assertClosedWith("42{}");
  }

  @Test
  void nonNumericAckId() throws Exception {
    startEcho();
    assertClosedWith("42abc[\"echo\"]");
  }

  @Test
  void attachmentsThatNeverArrive() throws Exception {
    startEcho();
    assertClosedWith("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]", "42[\"echo\",2]");
  }

  @Test
  void unexpectedBinary() throws Exception {
    startEcho();
    TestClient c = client();
    c.connect("/");
    c.sendBinary(new byte[] {1, 2, 3});
    c.awaitClosed();
    assertThat(nextSeen()).isEqualTo("error ProtocolException");
    assertThat(reasons.poll(5, TimeUnit.SECONDS)).isEqualTo("forced close");
    assertBystanderFine();
  }

  @Test
  void aSecondConnectForTheSameNamespaceClosesTheConnection() throws Exception {
    startEcho();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("40");
    c.awaitClosed();
    assertBystanderFine();
  }

  @Test
  void packetsForANamespaceNotJoinedCloseTheConnection() throws Exception {
    startEcho();
    TestClient c = client();
    c.sendRaw("42/nowhere,[\"echo\"]");
    c.awaitClosed();
    assertBystanderFine();
  }

  @Test
  void unknownAckIdsAreIgnored() throws Exception {
    startEcho();
    bystander.sendRaw("43123[\"nobody asked\"]");
    bystander.sendRaw("4342[]");
    assertBystanderFine();
  }

  @Test
  void hugePayloadsCloseTheConnection() throws Exception {
    startEcho();
    CompletableFuture<String> reason = new CompletableFuture<>();
    io.onConnection(socket -> socket.onDisconnect(reason::complete));
    TestClient c = client();
    c.connect("/");
    c.sendRaw("42[\"echo\",\"" + "x".repeat(20_000) + "\"]");
    c.awaitClosed();
    assertThat(reason.get(5, TimeUnit.SECONDS)).isIn("transport error", "transport close");
    assertBystanderFine();
  }
}
