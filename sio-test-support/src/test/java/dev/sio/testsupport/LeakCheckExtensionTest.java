package dev.sio.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves the leak check can fail: runs the test classes below in a nested JUnit engine (they are
 * {@code @Disabled} in the normal run) and looks at how their containers ended.
 */
class LeakCheckExtensionTest {
  @BeforeEach
  void onlyWithTheBuildsArgLine() {
    assumeTrue(
        LeakCheckExtension.DETECTOR.equals(
            System.getProperty("io.netty.customResourceLeakDetector")),
        "leak detection turned off (-Dsio.test.argLine=)");
  }

  private static Events containers(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.conditions.deactivate", "*DisabledCondition")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
        .selectors(selectClass(testClass))
        .execute()
        .containerEvents();
  }

  @Test
  void theBuildInstallsTheRecordingDetector() {
    assertEquals(
        LeakCheckExtension.DETECTOR, System.getProperty("io.netty.customResourceLeakDetector"));
    assertEquals("PARANOID", io.netty.util.ResourceLeakDetector.getLevel().name());
    ByteBufAllocator.DEFAULT.buffer(1).release();
    assertTrue(LeakReports.installedFor("ByteBuf"));
  }

  @Test
  void aClassThatLeaksABufferFailsWithTheLeakRecords() {
    Events events = containers(Leaking.class);
    List<Event> failed = events.filter(e -> e.getType() == EventType.FINISHED).toList();
    Throwable cause =
        failed.stream()
            .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
            .flatMap(java.util.Optional::stream)
            .map(r -> r.getThrowable().orElse(null))
            .filter(t -> t != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the leaking class did not fail: " + failed));
    String message = cause.getMessage();
    assertTrue(message.contains("LEAK: ByteBuf.release() was not called"), message);
    assertTrue(message.contains("leakABuffer"), message); // the records name the leaking code
    assertTrue(message.contains("by the end of LeakCheckExtensionTest$Leaking"), message);
  }

  @Test
  void aClassThatReleasesItsBuffersPasses() {
    Events events = containers(Clean.class);
    events.assertStatistics(stats -> stats.failed(0).succeeded(2)); // the engine and the class
  }

  /** Allocates a buffer and drops it: the leak the extension must report. */
  @Disabled("run only through LeakCheckExtensionTest's nested engine")
  @ExtendWith(LeakCheckExtension.class)
  static class Leaking {
    @Test
    void leakABuffer() {
      ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
      leaked.writeLong(42);
      leaked.touch("leakABuffer");
    }
  }

  /** Allocates and releases: nothing to report. */
  @Disabled("run only through LeakCheckExtensionTest's nested engine")
  @ExtendWith(LeakCheckExtension.class)
  static class Clean {
    @Test
    void releaseABuffer() {
      ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(16);
      buf.writeLong(42);
      buf.release();
    }
  }
}
