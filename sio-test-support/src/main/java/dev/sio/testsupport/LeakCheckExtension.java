package dev.sio.testsupport;

import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reported a leak by its end: collects garbage,
 * flushes every {@link RecordingLeakDetector} and throws with the reports (and their access
 * records). Registered through {@code META-INF/services} and picked up by JUnit's extension
 * autodetection, which the parent pom turns on for every module.
 *
 * <p>A leak is reported when the leaked buffer is collected, so it can surface at the end of a
 * later class in the same JVM than the one that leaked it; the records name the code.
 */
public final class LeakCheckExtension implements AfterAllCallback {
  /** The class name the build passes in {@code io.netty.customResourceLeakDetector}. */
  public static final String DETECTOR = RecordingLeakDetector.class.getName();

  private static volatile boolean checkedInstall; // any test thread; set once

  @Override
  public void afterAll(ExtensionContext context) {
    if (!DETECTOR.equals(System.getProperty("io.netty.customResourceLeakDetector"))) {
      return; // run without the build's argLine (e.g. from an IDE): nothing records
    }
    requireInstalled();
    List<String> leaks = LeakReports.flushAndDrain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "Netty reported "
              + leaks.size()
              + " leak(s) by the end of "
              + context.getDisplayName()
              + " (a leak may come from an earlier class in this JVM):\n"
              + String.join("\n", leaks));
    }
  }

  private static void requireInstalled() {
    if (checkedInstall) {
      return;
    }
    Unpooled.buffer(1).release(); // makes Netty create the ByteBuf detector if nothing did yet
    if (!LeakReports.installedFor("ByteBuf")) {
      throw new AssertionError(
          "-Dio.netty.customResourceLeakDetector="
              + DETECTOR
              + " is set but Netty did not install it (see Netty's error in the log)");
    }
    checkedInstall = true;
  }
}
