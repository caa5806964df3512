package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WebSocketTest {
  private EngineTestServer server;

  @AfterEach
  void tearDown() throws Exception {
    try {
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  private EngineClients.Ws open() throws Exception {
    EngineClients.Ws ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    assertThat(ws.nextText()).startsWith("0{");
    return ws;
  }

  private void start(EngineOptions options) {
    server = new EngineTestServer(options, true);
  }

  @Test
  void echoesTextAndBinaryFrames() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = open();
    String sid = server.handler.expectAny("open");
    ws.send("4hello €");
    server.handler.expect(sid, "message hello €");
    assertThat(ws.nextText()).isEqualTo("4hello €");
    ws.sendBinary(new byte[] {1, 2, 3, 4});
    server.handler.expect(sid, "binary 4");
    assertThat((byte[]) ws.next()).containsExactly(1, 2, 3, 4);
    ws.send("4");
    server.handler.expect(sid, "message ");
    assertThat(ws.nextText()).isEqualTo("4");
    ws.send("bAQID");
    server.handler.expect(sid, "binary 3");
    assertThat((byte[]) ws.next()).containsExactly(1, 2, 3);
    ws.abort();
    server.handler.expect(sid, "close transport close");
  }

  @Test
  void handlerCallsRunOnTheSessionExecutorAndOtherThreadsHopThere() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = open();
    RecordingHandler.Event opened = server.handler.next();
    EngineSocket socket = opened.socket();
    AtomicReference<Thread> executorThread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    socket
        .executor()
        .execute(
            () -> {
              executorThread.set(Thread.currentThread());
              ran.countDown();
            });
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(executorThread.get()).isSameAs(opened.thread());
    Thread t =
        new Thread(
            () -> {
              for (int i = 0; i < 100; i++) {
                socket.send("n" + i);
              }
            });
    t.start();
    t.join();
    for (int i = 0; i < 100; i++) {
      assertThat(ws.nextText()).isEqualTo("4n" + i);
    }
    ws.send("4x");
    assertThat(server.handler.expect(socket.id(), "message x").thread()).isSameAs(opened.thread());
    assertThat(ws.nextText()).isEqualTo("4x");
    ws.abort();
    server.handler.expect(socket.id(), "close transport close");
  }

  @Test
  void broadcastMessagesAreSharedFrames() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws a = open();
    EngineClients.Ws b = open();
    EngineSocket sa = server.handler.next().socket();
    EngineSocket sb = server.handler.next().socket();
    EngineMessage text = EngineMessage.text("x".repeat(70_000));
    EngineMessage small = EngineMessage.text("hi");
    EngineMessage bin = EngineMessage.binary(new byte[300]);
    for (EngineSocket s : new EngineSocket[] {sa, sb}) {
      s.send(text);
      s.send(small);
      s.send(bin);
    }
    for (EngineClients.Ws ws : new EngineClients.Ws[] {a, b}) {
      assertThat(ws.nextText()).isEqualTo("4" + "x".repeat(70_000));
      assertThat(ws.nextText()).isEqualTo("4hi");
      assertThat((byte[]) ws.next()).hasSize(300);
    }
    a.abort();
    b.abort();
    server.handler.next();
    server.handler.next();
  }

  @Test
  void aCloseFrameFromTheClientClosesAtOnce() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = open();
    String sid = server.handler.expectAny("open");
    ws.send("1");
    server.handler.expect(sid, "close transport close");
    assertThat(ws.awaitClose()).isNotNull();
  }

  @Test
  void aMalformedPacketIsAParseError() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = open();
    String sid = server.handler.expectAny("open");
    ws.send("abc");
    server.handler.expect(sid, "close parse error");
    ws.awaitClose();
  }

  @Test
  void aFrameOverMaxHttpBufferSizeClosesOnlyThatSocket() throws Exception {
    start(EngineOptions.builder().maxHttpBufferSize(1000).build());
    EngineClients.Ws big = open();
    String bigSid = server.handler.expectAny("open");
    EngineClients.Ws other = open();
    String otherSid = server.handler.expectAny("open");
    big.send("4" + "y".repeat(2000));
    server.handler.expect(bigSid, "close transport error");
    big.awaitClose();
    other.send("4still here");
    server.handler.expect(otherSid, "message still here");
    assertThat(other.nextText()).isEqualTo("4still here");
    other.abort();
    server.handler.expect(otherSid, "close transport close");
  }

  @Test
  void serverCloseSendsACloseFrame() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = open();
    RecordingHandler.Event e = server.handler.next();
    e.socket().send("bye");
    e.socket().close();
    assertThat(ws.nextText()).isEqualTo("4bye");
    server.handler.expect(e.socket().id(), "close forced close");
    ws.awaitClose();
    assertThat(e.socket().isOpen()).isFalse();
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void aPingFromTheClientIsAnError() throws Exception {
    start(EngineOptions.defaults());
    EngineClients.Ws ws = open();
    String sid = server.handler.expectAny("open");
    ws.send("2");
    server.handler.expect(sid, "close transport error");
    ws.awaitClose();
  }
}
