package dev.sio.spring.boot;

import dev.sio.micrometer.SioMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers Sio's meters ({@link SioMetrics}) with the application's {@link MeterRegistry} when
 * sio-micrometer is on the class path and a registry bean exists (Actuator makes one); {@code
 * sio.metrics.enabled=false} turns it off. The meters are bound before the server serves, so every
 * connection counts.
 */
@AutoConfiguration(
    before = SioAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({SioMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(
    prefix = "sio",
    name = {"enabled", "metrics.enabled"},
    havingValue = "true",
    matchIfMissing = true)
public class SioMetricsAutoConfiguration {
  /** Creates the auto-configuration (Spring calls it). */
  public SioMetricsAutoConfiguration() {}

  /**
   * {@return a configurer that binds the server's meters to {@code registry}}
   *
   * @param registry the application's (primary) registry
   */
  @Bean
  public SocketIoConfigurer sioMetricsConfigurer(MeterRegistry registry) {
    return io -> SioMetrics.bind(io, registry);
  }
}
