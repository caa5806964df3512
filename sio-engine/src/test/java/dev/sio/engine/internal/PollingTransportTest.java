package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.spi.EnginePort;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's close over long-polling when its GET comes after it (a Servlet container can hand a
 * POST on a new connection to Sio before the GET sent earlier on a kept-alive one): the GET still
 * gets the noop it gets in Node, and nothing the client sent after its close counts. No socket.
 */
@Timeout(10)
class PollingTransportTest {
  private final TestLoop loop = new TestLoop();
  private final TestHandler handler = new TestHandler();
  private EnginePort port;
  private String sid;

  @BeforeEach
  void open() throws Exception {
    port = new EngineEndpoint(EngineOptions.builder().build(), handler);
    TestExchange handshake = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.run(() -> port.handleRequest(handshake));
    sid = TestExchange.sidOf(handshake.answer());
    assertThat(handler.next(5000)).isEqualTo("open " + sid);
  }

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  private TestExchange request(String method, String body) {
    return new TestExchange(
        loop,
        method,
        "EIO=4&transport=polling&sid=" + sid,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aGetThatComesJustAfterTheClientsCloseGetsTheNoop() throws Exception {
    TestExchange close = request("POST", "1");
    TestExchange get = request("GET", null);
    loop.run(
        () -> {
          port.handleRequest(close);
          port.handleRequest(get); // handed over after the close, in the same pass
        });
    assertThat(close.answer().body()).isEqualTo("ok");
    TestExchange.Answer poll = get.answer();
    assertThat(poll.status()).isEqualTo(200);
    assertThat(poll.body()).isEqualTo("6");
    assertThat(handler.next(5000)).isEqualTo("close transport close");
  }

  @Test
  void theClientsCloseWithoutAGetEndsTheSessionAfterTheWait() throws Exception {
    TestExchange close = request("POST", "1");
    port.handleRequest(close);
    assertThat(close.answer().body()).isEqualTo("ok");
    assertThat(handler.next(5000)).isEqualTo("close transport close");
    TestExchange late = request("GET", null);
    port.handleRequest(late);
    TestExchange.Answer refused = late.answer();
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void nothingTheClientSendsAfterItsCloseCounts() throws Exception {
    TestExchange close = request("POST", "1");
    TestExchange after = request("POST", "4late");
    loop.run(
        () -> {
          port.handleRequest(close);
          port.handleRequest(after);
        });
    assertThat(close.answer().body()).isEqualTo("ok");
    after.answer();
    assertThat(handler.next(5000)).isEqualTo("close transport close");
    assertThat(handler.next(200)).isNull(); // no "message late"
  }

  @Test
  void aPendingGetGetsTheNoopAtOnce() throws Exception {
    TestExchange get = request("GET", null);
    port.handleRequest(get);
    loop.call(() -> null);
    TestExchange close = request("POST", "1");
    port.handleRequest(close);
    assertThat(get.answer().body()).isEqualTo("6");
    assertThat(handler.next(5000)).isEqualTo("close transport close");
  }
}
