package dev.sio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.testsupport.PublicSignatures;
import org.junit.jupiter.api.Test;

/** Lettuce (an optional dependency) shows only in RedisSessionStore's advanced overloads. */
class PublicApiTest {
  @Test
  void lettuceTypesAppearOnlyInTheAdvancedOverloads() {
    assertThat(PublicSignatures.mentioning(AdminUi.class, "io.lettuce."))
        .containsExactly(
            "RedisSessionStore.of(io.lettuce.core.api.StatefulRedisConnection<java.lang.String,"
                + " java.lang.String>) -> dev.sio.admin.RedisSessionStore",
            "RedisSessionStore.of(io.lettuce.core.api.StatefulRedisConnection<java.lang.String,"
                + " java.lang.String>, java.lang.String, java.time.Duration) ->"
                + " dev.sio.admin.RedisSessionStore");
  }
}
