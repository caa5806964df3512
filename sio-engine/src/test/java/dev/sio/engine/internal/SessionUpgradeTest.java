package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A GET that comes for a polling session after its upgrade's probe waits for the next check: a
 * {@code 5} seen meanwhile (sent before the GET, but handed to Sio after it, as a Servlet
 * container's threads may) makes it a GET of an upgraded session (400), as in Node; otherwise it
 * gets the check's noop, or what the session sends meanwhile. No socket.
 */
@Timeout(10)
class SessionUpgradeTest {
  private final TestLoop loop = new TestLoop();
  private final AtomicReference<EngineSocket> socket = new AtomicReference<>();
  private final TestHandler handler =
      new TestHandler() {
        @Override
        public void onOpen(EngineSocket s) {
          socket.set(s);
          super.onOpen(s);
        }
      };
  private final TestChannel channel = new TestChannel();
  private EnginePort port;
  private String sid;
  private WebSocketInbound inbound;

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  /** A polling session, its WebSocket candidate, and the probe answered. */
  private void probed() throws Exception {
    port = new EngineEndpoint(EngineOptions.builder().build(), handler);
    TestExchange handshake = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.run(() -> port.handleRequest(handshake));
    sid = TestExchange.sidOf(handshake.answer());
    assertThat(handler.next(5000)).isEqualTo("open " + sid);
    UpgradeVerdict verdict =
        port.verifyUpgrade(
                TestExchange.request("GET", "EIO=4&transport=websocket&sid=" + sid), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(verdict.refused()).isFalse();
    inbound = loop.call(() -> port.openWebSocket(verdict, channel));
    loop.run(() -> inbound.onText("2probe"));
    assertThat(channel.texts()).containsExactly("3probe");
  }

  private TestExchange poll() throws Exception {
    TestExchange get = new TestExchange(loop, "GET", "EIO=4&transport=polling&sid=" + sid, null);
    port.handleRequest(get);
    loop.call(() -> null); // the session has seen it
    return get;
  }

  @Test
  void aGetAfterTheProbeOvertakenByTheUpgradeIsRefusedAsAfterTheUpgrade() throws Exception {
    probed();
    TestExchange get = poll();
    loop.run(() -> inbound.onText("5"));
    TestExchange.Answer answer = get.answer();
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");

    loop.run(() -> inbound.onText("4hello")); // the session goes on over the WebSocket
    assertThat(handler.next(5000)).isEqualTo("message hello");
    assertThat(socket.get().transport()).isEqualTo("websocket");
  }

  @Test
  void aGetAfterTheProbeWithoutTheUpgradeGetsTheChecksNoop() throws Exception {
    probed();
    TestExchange get = poll();
    TestExchange.Answer answer = get.answer(); // the check runs every 100 ms
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("6");
    assertThat(socket.get().transport()).isEqualTo("polling");
  }

  @Test
  void aGetHeldByTheUpgradeTakesWhatTheSessionSendsMeanwhile() throws Exception {
    probed();
    TestExchange get = poll();
    loop.run(() -> socket.get().send("news"));
    TestExchange.Answer answer = get.answer();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("4news");
  }

  @Test
  void aGetHeldByTheUpgradeThatTheClientAbandonsIsForgotten() throws Exception {
    probed();
    TestExchange get = poll();
    assertThat(get.onAbort).isNotNull();
    get.onAbort.run(); // the binding's thread: the client went away
    loop.call(() -> null);
    TestExchange again = poll(); // a new GET: no overlap with the abandoned one
    TestExchange.Answer answer = again.answer();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("6");
    assertThat(get.answers).isEmpty();
    assertThat(handler.events).isEmpty(); // no "overlap from client"
  }
}
