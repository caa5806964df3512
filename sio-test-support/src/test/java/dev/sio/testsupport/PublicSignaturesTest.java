package dev.sio.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.testsupport.fixture.Exposed;
import org.junit.jupiter.api.Test;

class PublicSignaturesTest {
  @Test
  void reportsPublicAndProtectedMembersAndSupertypesOnly() {
    assertThat(PublicSignatures.mentioning(Exposed.class, "java.util.concurrent."))
        .containsExactly(
            "Exposed extends/implements java.lang.Comparable<java.util.concurrent.Future<?>>",
            "Exposed.compareTo(java.util.concurrent.Future<?>) -> int",
            "Exposed.counter",
            "Exposed.result() -> java.util.concurrent.Future<java.lang.String>",
            "Exposed.takes(java.util.concurrent.atomic.AtomicLong) -> void");
  }

  @Test
  void aClassInAJarIsAnError() {
    assertThatThrownBy(() -> PublicSignatures.mentioning(Test.class, "x."))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("org.junit.jupiter.api");
  }
}
