package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved WebSocket session beside a hardening test: sends a message every 50 ms and waits
 * for the server's echo (its "ack") for at most {@link #LATE_MILLIS}. {@link #stop} checks that no
 * echo was late or missing and that the session was never closed.
 */
final class Bystander implements AutoCloseable {
  /** An echo slower than this counts as late. */
  static final long LATE_MILLIS = 2_000;

  final String sid;
  private final EngineClients.Ws ws;
  private final Thread thread;
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean running = true;
  private volatile int acked;

  Bystander(EngineTestServer server) throws Exception {
    ws = EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket"));
    String open = ws.nextText();
    assertThat(open).startsWith("0{\"sid\":\"");
    sid = open.substring(9, open.indexOf('"', 9));
    thread = new Thread(this::run, "bystander");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    for (int i = 0; running && i < 10_000; i++) { // bounded: 10 000 × 50 ms
      try {
        ws.send("4b" + i);
        Object echo = ws.received.poll(LATE_MILLIS, TimeUnit.MILLISECONDS);
        if (!("4b" + i).equals(echo)) {
          failures.add("echo " + i + ": " + echo);
          return;
        }
        acked++;
        Thread.sleep(50);
      } catch (Exception e) {
        failures.add("echo " + i + ": " + e);
        return;
      }
    }
  }

  /** True for the bystander's own message events, which a test skips. */
  boolean owns(RecordingHandler.Event e) {
    return e.socket().id().equals(sid) && e.line().startsWith("message ");
  }

  /** The next event of {@code handler} that is not this bystander's echo traffic, as "sid line". */
  String next(RecordingHandler handler) throws InterruptedException {
    while (true) {
      RecordingHandler.Event e = handler.next();
      if (!owns(e)) {
        return e.socket().id() + " " + e.line();
      }
    }
  }

  /** Checks that no event but this bystander's echo traffic arrives within {@code millis}. */
  void expectNothing(RecordingHandler handler, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    long left;
    while ((left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
      RecordingHandler.Event e = handler.nextOrNull(left);
      if (e != null && !owns(e)) {
        assertThat(e.socket().id() + " " + e.line()).isNull();
      }
    }
  }

  /**
   * Waits for one more echo (the bystander is alive after whatever the test did), then stops and
   * checks: none late or missing, the session still open.
   */
  void stop() throws Exception {
    int before = acked;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS + 1_000);
    while (acked == before && failures.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    running = false;
    thread.join(5_000);
    assertThat(failures).as("bystander failures").isEmpty();
    assertThat(acked).as("bystander echoes").isGreaterThan(before);
    assertThat(ws.closed).as("bystander connection").isNotDone();
  }

  @Override
  public void close() {
    running = false;
    ws.abort();
  }
}
