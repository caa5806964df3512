package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineSocket;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a session is idle ({@link EngineSocket#writable()}): a volatile packet sent to a
 * session still writing is dropped, as in Node, so tests that expect one delivered wait first.
 */
final class Idle {
  private Idle() {}

  static void awaitWritable(EngineSocket conn) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!conn.writable() && System.nanoTime() - deadline < 0) {
      Thread.sleep(5);
    }
    assertThat(conn.writable()).as("writable within 5 s").isTrue();
  }
}
