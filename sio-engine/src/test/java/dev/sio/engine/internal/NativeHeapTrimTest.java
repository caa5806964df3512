package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTrimTest {
  /** True on Linux with glibc, where the JVM's System.trim_native_heap works. */
  private static boolean glibc() throws IOException {
    Path maps = Path.of("/proc/self/maps");
    return Files.isReadable(maps) && Files.readString(maps).contains("libc.so.6");
  }

  @Test
  void trimsTheNativeHeapOnLinuxWithGlibc() throws IOException {
    assumeTrue(glibc(), "Linux with glibc");
    assertThat(NativeHeapTrim.trim()).isTrue();
  }

  @Test
  void aBurstOfSessionsStartsOneWatcherThatTrimsOnceTheBurstIsOver() throws Exception {
    assumeTrue(glibc(), "Linux with glibc");
    for (int i = 0; i < NativeHeapTrim.BURST + 5; i++) {
      NativeHeapTrim.sessionOpened();
    }
    Thread watcher = watcher();
    assertThat(watcher).as("a watcher after %d sessions", NativeHeapTrim.BURST).isNotNull();
    NativeHeapTrim.sessionOpened(); // during the watch: no second watcher
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sio-native-trim")))
        .hasSize(1);
    watcher.join(4 * NativeHeapTrim.QUIET_MILLIS + 5_000);
    assertThat(watcher.isAlive()).as("the watcher ends after its trim").isFalse();
    NativeHeapTrim.sessionOpened(); // one session is not a burst: no new watcher
    assertThat(watcher()).isNull();
  }

  private static Thread watcher() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("sio-native-trim") && t.isAlive())
        .findFirst()
        .orElse(null);
  }
}
