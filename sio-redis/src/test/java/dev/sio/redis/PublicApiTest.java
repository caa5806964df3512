package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.testsupport.PublicSignatures;
import org.junit.jupiter.api.Test;

/**
 * The public API of sio-redis speaks Sio's types (URI strings, options, {@link
 * RedisAdapterException}); Lettuce appears in one overload kept for advanced use.
 */
class PublicApiTest {
  @Test
  void lettuceTypesAppearOnlyInTheDocumentedAdvancedOverload() {
    assertThat(PublicSignatures.mentioning(RedisEmitter.class, "io.lettuce."))
        .containsExactly(
            "RedisEmitter.create(io.lettuce.core.api.StatefulRedisConnection<byte[], byte[]>,"
                + " java.lang.String) -> dev.sio.redis.RedisEmitter");
  }
}
