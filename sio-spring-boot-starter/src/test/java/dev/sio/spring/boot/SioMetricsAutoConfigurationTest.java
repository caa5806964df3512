package dev.sio.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.client.ClientOptions;
import dev.sio.client.SocketIoClient;
import dev.sio.server.SocketIoServer;
import dev.sio.testkit.Await;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sio's meters in the application's registry, and when they stay out. */
@Timeout(60)
class SioMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(SioAutoConfiguration.class, SioMetricsAutoConfiguration.class))
          .withPropertyValues("sio.host=127.0.0.1", "sio.port=0");

  @Test
  void aRegistryBeanGetsTheMetersAndTheyCountARealConnection() {
    runner
        .withUserConfiguration(Registry.class)
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              SocketIoServer io = context.getBean(SocketIoServer.class);
              assertThat(registry.find("sio.sockets.connected").gauge()).isNotNull();
              var socket =
                  SocketIoClient.connect(
                      URI.create("http://127.0.0.1:" + io.port()),
                      ClientOptions.builder().reconnection(false).build());
              try {
                Await.until(
                    "the connection is counted",
                    () ->
                        registry.find("sio.sockets.connections").counter() != null
                            && registry.find("sio.sockets.connections").counter().count() == 1,
                    Duration.ofSeconds(10));
              } finally {
                socket.close();
              }
            });
  }

  @Test
  void switchedOffByProperty() {
    runner
        .withUserConfiguration(Registry.class)
        .withPropertyValues("sio.metrics.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("sioMetricsConfigurer");
              assertThat(context.getBean(MeterRegistry.class).find("sio.sockets.connected").gauge())
                  .isNull();
            });
  }

  @Test
  void noRegistryOrNoSioMicrometerMeansNoBinding() {
    runner.run(context -> assertThat(context).doesNotHaveBean("sioMetricsConfigurer"));
    runner
        .withUserConfiguration(Registry.class)
        .withClassLoader(new FilteredClassLoader("dev.sio.micrometer"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(SocketIoServer.class);
              assertThat(context).doesNotHaveBean("sioMetricsConfigurer");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }
}
