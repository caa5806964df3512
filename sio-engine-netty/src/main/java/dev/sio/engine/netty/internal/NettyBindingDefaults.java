package dev.sio.engine.netty.internal;

import dev.sio.engine.spi.BindingDefaults;
import io.netty.util.internal.PlatformDependent;

/**
 * The Netty binding's defaults: sessions may queue up to half of Netty's maximum direct memory
 * ({@code -XX:MaxDirectMemorySize} or {@code -Dio.netty.maxDirectMemory}, else as {@code -Xmx}).
 * Registered as a {@link java.util.ServiceLoader} provider; the listener's endpoints use {@link
 * #totalBufferedBytes()} directly.
 */
public final class NettyBindingDefaults implements BindingDefaults {
  /** For {@link java.util.ServiceLoader}. */
  public NettyBindingDefaults() {}

  /** {@return half of Netty's maximum direct memory} */
  public static long totalBufferedBytes() {
    return PlatformDependent.maxDirectMemory() / 2;
  }

  @Override
  public long maxTotalBufferedBytes() {
    return totalBufferedBytes();
  }
}
