package dev.sio.testsupport;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

/**
 * Netty's leak detector that also records each report in {@link LeakReports}, so that {@link
 * LeakCheckExtension} can fail the tests instead of leaving a log line nobody reads. Installed for
 * every resource type with {@code
 * -Dio.netty.customResourceLeakDetector=dev.sio.testsupport.RecordingLeakDetector} (the parent
 * pom's test argLine, with {@code -Dio.netty.leakDetection.level=paranoid}).
 *
 * @param <T> the tracked resource type
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private final String resourceType;

  /**
   * The constructor Netty's factory calls.
   *
   * @param resourceType the resource type
   * @param samplingInterval the sampling interval
   */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    this(resourceType, samplingInterval, Long.MAX_VALUE);
  }

  /**
   * The constructor older Netty factories call.
   *
   * @param resourceType the resource type
   * @param samplingInterval the sampling interval
   * @param maxActive the max active
   */
  @SuppressWarnings("deprecation")
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval, maxActive);
    this.resourceType = resourceType.getSimpleName();
    LeakReports.register(this);
  }

  /** {@return the simple name of the resource type this detector tracks, e.g. {@code ByteBuf}} */
  public String resourceType() {
    return resourceType;
  }

  /**
   * Makes this detector look at its queue of collected, unreleased resources now (Netty does so
   * only when it tracks a new resource): tracks and releases one probe object.
   */
  void flush() {
    @SuppressWarnings("unchecked")
    T probe = (T) new Object(); // erased: the detector only holds it by identity
    ResourceLeakTracker<T> tracker = track(probe);
    if (tracker != null) {
      tracker.close(probe);
    }
  }

  @Override
  protected boolean needReport() {
    return true; // report even when the logger is off: the report is what fails the build
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LeakReports.add("LEAK: " + resourceType + ".release() was not called." + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LeakReports.add("LEAK: " + resourceType + ".release() was not called (no records).");
    super.reportUntracedLeak(resourceType);
  }
}
