package dev.sio.engine.internal;

import dev.sio.engine.spi.BindingDefaults;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;

/**
 * The {@link BindingDefaults} found on the class path ({@link ServiceLoader}, the first provider),
 * looked up once. Without one (or when it cannot load), half of {@code Runtime.maxMemory()}.
 */
public final class BindingDefaultsLookup {
  private BindingDefaultsLookup() {}

  /**
   * {@return the default {@code maxTotalBufferedBytes} before the {@code maxBufferedBytes} floor}
   */
  public static long maxTotalBufferedBytes() {
    return Holder.TOTAL_BUFFERED_BYTES;
  }

  private static final class Holder {
    static final long TOTAL_BUFFERED_BYTES = find();

    private static long find() {
      try {
        Iterator<BindingDefaults> it =
            ServiceLoader.load(BindingDefaults.class, BindingDefaults.class.getClassLoader())
                .iterator();
        if (it.hasNext()) {
          return it.next().maxTotalBufferedBytes();
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        LoggerFactory.getLogger(BindingDefaultsLookup.class)
            .warn("no binding defaults could be loaded; using half of the maximum heap", e);
      }
      return Runtime.getRuntime().maxMemory() / 2;
    }
  }
}
