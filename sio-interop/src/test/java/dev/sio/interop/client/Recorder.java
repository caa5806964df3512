package dev.sio.interop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a client saw, in order, as {@code "kind:detail"} strings; tests take what they expect and
 * check at the end that nothing unexpected is left.
 */
final class Recorder {
  private final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();

  void add(String entry) {
    seen.add(entry);
  }

  /** Takes the next entry, failing after {@code timeout}. */
  String next(Duration timeout) throws InterruptedException {
    String entry = seen.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(entry).as("an entry within " + timeout).isNotNull();
    return entry;
  }

  /** Takes entries until one starts with {@code prefix}; returns it and what came before. */
  String awaitPrefix(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      String entry = seen.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (entry == null) {
        throw new AssertionError("no entry starting with " + prefix + "; saw " + skipped);
      }
      if (entry.startsWith(prefix)) {
        return entry;
      }
      skipped.add(entry);
    }
  }

  /** Everything not taken yet. */
  List<String> rest() {
    List<String> rest = new ArrayList<>();
    seen.drainTo(rest);
    return rest;
  }
}
