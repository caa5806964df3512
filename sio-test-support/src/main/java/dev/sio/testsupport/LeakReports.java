package dev.sio.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The leak reports of this JVM's {@link RecordingLeakDetector}s, collected until someone drains
 * them. Thread-safe: Netty reports on whichever thread tracks a new resource.
 */
public final class LeakReports {
  // How many reports are kept until drained; later ones are counted, not kept.
  private static final int MAX_KEPT = 50;
  // How many GC-and-look rounds flush() makes, and how long it waits in each for the JVM to
  // enqueue collected references (bounded: at most ROUNDS * WAIT_MILLIS per call).
  private static final int ROUNDS = 3;
  private static final long WAIT_MILLIS = 20;

  private static final List<RecordingLeakDetector<?>> detectors = new CopyOnWriteArrayList<>();
  private static final List<String> reports = new ArrayList<>(); // guarded by reports
  private static int dropped; // guarded by reports

  private LeakReports() {}

  static void register(RecordingLeakDetector<?> detector) {
    detectors.add(detector);
  }

  static void add(String report) {
    synchronized (reports) {
      if (reports.size() < MAX_KEPT) {
        reports.add(report);
      } else {
        dropped++;
      }
    }
  }

  /**
   * {@return true when Netty created a recording detector for {@code resourceType} (e.g.
   * "ByteBuf")}
   *
   * @param resourceType the resource type
   */
  public static boolean installedFor(String resourceType) {
    for (RecordingLeakDetector<?> d : detectors) {
      if (d.resourceType().equals(resourceType)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Collects garbage, makes every detector look at what was collected unreleased, and returns (and
   * forgets) every report so far, including earlier ones; empty when nothing leaked.
   *
   * @return the strings
   */
  public static List<String> flushAndDrain() {
    if (!detectors.isEmpty()) {
      for (int round = 0; round < ROUNDS; round++) {
        System.gc();
        try {
          Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        for (RecordingLeakDetector<?> d : detectors) {
          d.flush();
        }
      }
    }
    return drain();
  }

  /** {@return and forgets the reports so far, without collecting garbage first} */
  public static List<String> drain() {
    synchronized (reports) {
      List<String> out = new ArrayList<>(reports);
      if (dropped > 0) {
        out.add("... and " + dropped + " more leak reports");
      }
      reports.clear();
      dropped = 0;
      return out;
    }
  }
}
