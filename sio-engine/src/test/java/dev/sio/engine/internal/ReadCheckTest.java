package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The heartbeat's read check over a WebSocket whose writes complete late, as a Servlet container
 * reports them: the client's pong can come before the completion of the ping it answers. It then
 * counts once the ping has left, and never when the ping never leaves (a client that does not
 * read). Real timers on a one-thread loop, no socket.
 */
@Timeout(10)
class ReadCheckTest {
  private static final long PING_INTERVAL = 200;
  private static final long PING_TIMEOUT = 150;

  private final TestLoop loop = new TestLoop();
  private final TestHandler handler = new TestHandler();
  private final TestChannel channel = new TestChannel();
  private WebSocketInbound inbound;

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  /** A new WebSocket session whose writes, from the open packet on, complete when told. */
  private void open() throws Exception {
    EngineOptions options =
        EngineOptions.builder()
            .pingInterval(Duration.ofMillis(PING_INTERVAL))
            .pingTimeout(Duration.ofMillis(PING_TIMEOUT))
            .build();
    EnginePort port = new EngineEndpoint(options, handler);
    UpgradeVerdict verdict =
        port.verifyUpgrade(TestExchange.request("GET", "EIO=4&transport=websocket"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    loop.run(channel::holdWrites);
    inbound = loop.call(() -> port.openWebSocket(verdict, channel));
    assertThat(handler.next(5000)).startsWith("open ");
    loop.run(channel::completeWrites); // the open packet has left
  }

  /** Waits until the channel has carried {@code count} pings. */
  private void awaitPings(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (channel.texts().stream().filter("2"::equals).count() < count) {
      assertThat(System.nanoTime() - deadline).as("ping %d came", count).isNegative();
      assertThat(handler.events).as("the session is open").isEmpty();
      Thread.sleep(5);
    }
  }

  @Test
  void aPongBeforeThePingsWriteCompletedCountsOnceItHas() throws Exception {
    open();
    for (int ping = 1; ping <= 3; ping++) {
      awaitPings(ping);
      loop.run(() -> inbound.onText("3")); // the client read the ping before we learnt it left
      loop.run(channel::completeWrites);
    }
    awaitPings(4); // the third pong counted too: the next ping came pingInterval after it
    assertThat(channel.calls).doesNotContain("close 1000", "abort");
  }

  @Test
  void aPongBeforeAPingThatNeverLeavesDoesNotKeepTheSession() throws Exception {
    open();
    awaitPings(1);
    loop.run(() -> inbound.onText("3")); // blind: the ping never leaves, as to a client not reading
    assertThat(handler.next(5000)).isEqualTo("close ping timeout");
  }

  @Test
  void aPongThatComesAfterThePingLeftCountsAtOnce() throws Exception {
    open();
    awaitPings(1);
    loop.run(channel::completeWrites);
    loop.run(() -> inbound.onText("3"));
    awaitPings(2); // the next ping comes pingInterval after the pong: the pong counted
    loop.run(channel::completeWrites);
    loop.run(() -> inbound.onText("3"));
    awaitPings(3);
  }
}
