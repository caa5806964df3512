package dev.sio.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.testsupport.PublicSignatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API of sio-postgres speaks Sio's and the JDK's types: neither pgjdbc nor the shared
 * cluster internals appear in it.
 */
class PublicApiTest {
  private static final List<Class<?>> PUBLIC =
      List.of(
          PostgresAdapterFactory.class,
          PostgresAdapterOptions.class,
          PostgresAdapterOptions.Builder.class,
          PostgresEmitter.class,
          PostgresEmitterOperator.class,
          PostgresAdapterException.class);

  @Test
  void noDriverOrInternalTypeAppears() {
    for (Class<?> c : PUBLIC) {
      assertThat(PublicSignatures.mentioning(c, "org.postgresql.")).as(c.getName()).isEmpty();
      assertThat(PublicSignatures.mentioning(c, "dev.sio.postgres.internal."))
          .as(c.getName())
          .isEmpty();
      assertThat(PublicSignatures.mentioning(c, "dev.sio.cluster.")).as(c.getName()).isEmpty();
    }
  }
}
