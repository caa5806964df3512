package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.spi.BindingDefaults;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NettyBindingDefaultsTest {
  @Test
  void theServiceFileNamesTheNettyProvider() {
    // The core falls back to Runtime.maxMemory() / 2 without a provider, which equals Netty's
    // figure on a JVM without -XX:MaxDirectMemorySize: only the lookup itself tells them apart.
    List<String> providers =
        ServiceLoader.load(BindingDefaults.class, BindingDefaults.class.getClassLoader()).stream()
            .map(provider -> provider.type().getName())
            .toList();
    assertThat(providers).containsExactly(NettyBindingDefaults.class.getName());
  }

  @Test
  void theProviderReportsHalfOfNettysDirectMemory() {
    assertThat(new NettyBindingDefaults().maxTotalBufferedBytes())
        .isEqualTo(io.netty.util.internal.PlatformDependent.maxDirectMemory() / 2)
        .isPositive();
  }
}
