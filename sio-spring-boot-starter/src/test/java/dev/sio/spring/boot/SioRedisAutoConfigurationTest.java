package dev.sio.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.server.AdapterFactory;
import dev.sio.server.InMemoryAdapter;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import dev.sio.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code sio.redis.*} against the real Redis at 127.0.0.1:6379. */
@Timeout(60)
class SioRedisAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(SioAutoConfiguration.class, SioRedisAutoConfiguration.class))
          .withPropertyValues("sio.host=127.0.0.1", "sio.port=0");

  @Test
  void aRedisUriMakesTheAdapterOfTheChosenKind() {
    runner
        .withPropertyValues(
            "sio.redis.uri=redis://127.0.0.1:6379",
            "sio.redis.kind=streams",
            "sio.redis.key-prefix=sio-starter-test",
            "sio.redis.requests-timeout=3s")
        .run(
            context -> {
              RedisAdapterFactory factory = context.getBean(RedisAdapterFactory.class);
              assertThat(context.getBean(ServerOptions.class).adapter()).isSameAs(factory);
              assertThat(factory.options().keyPrefix()).isEqualTo("sio-starter-test");
              assertThat(factory.options().requestsTimeout()).isEqualTo(Duration.ofSeconds(3));
              SocketIoServer io = context.getBean(SocketIoServer.class);
              assertThat(Await.of(io.serverCount(), Duration.ofSeconds(10))).isGreaterThan(0);
            });
  }

  @Test
  void noUriOrAnAdapterBeanMeansNoRedisAdapter() {
    runner.run(context -> assertThat(context).doesNotHaveBean(RedisAdapterFactory.class));
    runner
        .withPropertyValues("sio.redis.uri=redis://127.0.0.1:6379")
        .withUserConfiguration(OwnAdapter.class)
        .run(context -> assertThat(context).doesNotHaveBean(RedisAdapterFactory.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnAdapter {
    @Bean
    AdapterFactory adapterFactory() {
      return InMemoryAdapter::new;
    }
  }
}
