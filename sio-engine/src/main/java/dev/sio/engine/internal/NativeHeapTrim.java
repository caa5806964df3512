package dev.sio.engine.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back to the operating system the native memory that a burst of new sessions leaves behind
 * in the C library's allocator, once the burst is over: the JVM's own {@code
 * System.trim_native_heap} (what {@code jcmd PID System.trim_native_heap} and {@code
 * -XX:TrimNativeHeapInterval} do, glibc's {@code malloc_trim}), run once per burst on a short-lived
 * daemon thread, never on an event loop.
 *
 * <p>Why: the first thousands of connections of a fresh server make the JIT compile the connection
 * path, and the compiler's scratch memory, freed when each compilation ends, stays resident in
 * glibc's arenas; measured on 2026-12-03 (docs/OPTIMISATIONS.md, "Session 8"), 2 000 WebSocket
 * clients opened at once left about 25 MB of such memory, more than their sessions' live heap.
 *
 * <p>A burst is {@link #BURST} sessions opened since the last trim; it is over when fewer than
 * {@link #QUIET_SESSIONS} open during {@link #QUIET_MILLIS}. At most one trim per {@link
 * #MIN_INTERVAL_MILLIS}. Off with the system property {@code sio.trimNativeHeap=false}, and for
 * good in a JVM without the command (another C library, a JDK 17 before 17.0.9): the first refusal
 * is logged at debug level.
 */
final class NativeHeapTrim {
  private static final Logger log = LoggerFactory.getLogger(NativeHeapTrim.class);

  /** The system property that turns the trim off ({@code false}). */
  static final String PROPERTY = "sio.trimNativeHeap";

  /** Sessions opened since the last trim that make a burst. */
  static final long BURST = 1000;

  /** Fewer sessions than this opened during {@link #QUIET_MILLIS} end a burst. */
  static final long QUIET_SESSIONS = 10;

  /** How long the opening of sessions must stay quiet before the trim. */
  static final long QUIET_MILLIS = 2000;

  /** The shortest time between two trims. */
  static final long MIN_INTERVAL_MILLIS = 60_000;

  private static final AtomicLong OPENED = new AtomicLong();
  private static final AtomicBoolean WATCHING = new AtomicBoolean();
  private static volatile boolean enabled = !"false".equals(System.getProperty(PROPERTY));
  private static volatile long trimmedAt; // OPENED at the last trim (or watch start)
  private static volatile long lastTrimNanos = System.nanoTime() - ms(MIN_INTERVAL_MILLIS);

  private NativeHeapTrim() {}

  /** Any thread: a session opened. Costs one atomic increment; past a burst, starts a watcher. */
  static void sessionOpened() {
    if (!enabled) {
      return;
    }
    long n = OPENED.incrementAndGet();
    if (n - trimmedAt >= BURST && WATCHING.compareAndSet(false, true)) {
      Thread t = new Thread(NativeHeapTrim::watch, "sio-native-trim");
      t.setDaemon(true);
      t.start();
    }
  }

  /** The watcher: waits for the burst to end and the interval to pass, then trims once. */
  private static void watch() {
    try {
      long before = OPENED.get();
      while (true) {
        TimeUnit.MILLISECONDS.sleep(QUIET_MILLIS);
        long now = OPENED.get();
        boolean quiet = now - before < QUIET_SESSIONS;
        before = now;
        if (quiet && System.nanoTime() - lastTrimNanos >= ms(MIN_INTERVAL_MILLIS)) {
          break;
        }
      }
      trimmedAt = OPENED.get();
      lastTrimNanos = System.nanoTime();
      trim();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      WATCHING.set(false);
    }
  }

  /** Runs the JVM's {@code System.trim_native_heap}; false (and off for good) when refused. */
  static boolean trim() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object out =
          server.invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "systemTrimNativeHeap",
              new Object[] {new String[0]},
              new String[] {String[].class.getName()});
      String text = String.valueOf(out).trim();
      if (!text.contains("->")) { // "Not available", "not supported on this platform"
        enabled = false;
        log.debug("native heap trim not available here: {}", text);
        return false;
      }
      log.debug("native heap trimmed after a burst of sessions: {}", text);
      return true;
    } catch (Exception | LinkageError e) {
      enabled = false;
      log.debug("native heap trim not available here", e);
      return false;
    }
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
