package dev.sio.spring.boot;

import dev.sio.redis.RedisAdapterFactory;
import dev.sio.redis.RedisAdapterOptions;
import dev.sio.server.AdapterFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Makes the Redis adapter ({@code sio.redis.uri}, {@code sio.redis.kind}) the server's {@link
 * AdapterFactory} when sio-redis is on the class path and no {@code AdapterFactory} bean exists.
 * The server closes the factory when it closes.
 */
@AutoConfiguration(before = SioAutoConfiguration.class)
@ConditionalOnClass(RedisAdapterFactory.class)
@ConditionalOnProperty(prefix = "sio.redis", name = "uri")
@EnableConfigurationProperties(SioProperties.class)
public class SioRedisAutoConfiguration {
  /** Creates the auto-configuration (Spring calls it). */
  public SioRedisAutoConfiguration() {}

  /**
   * {@return the Redis adapter factory of {@code sio.redis.*}; the server closes it}
   *
   * @param properties the {@code sio.*} properties
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(AdapterFactory.class)
  public RedisAdapterFactory sioRedisAdapterFactory(SioProperties properties) {
    SioProperties.Redis redis = properties.getRedis();
    RedisAdapterOptions.Builder b = RedisAdapterOptions.builder().uri(redis.getUri());
    if (redis.getKeyPrefix() != null) {
      b.keyPrefix(redis.getKeyPrefix());
    }
    if (redis.getRequestsTimeout() != null) {
      b.requestsTimeout(redis.getRequestsTimeout());
    }
    RedisAdapterOptions options = b.build();
    return switch (redis.getKind()) {
      case CLASSIC -> RedisAdapterFactory.classic(options);
      case SHARDED -> RedisAdapterFactory.sharded(options);
      case STREAMS -> RedisAdapterFactory.streams(options);
    };
  }
}
