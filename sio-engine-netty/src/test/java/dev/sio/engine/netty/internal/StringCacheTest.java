package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

class StringCacheTest {
  @Test
  void equalValuesAreSharedAndKeepTheirCase() {
    String first = StringCache.value(new StringBuilder("Upgrade-Value-A"));
    String second = StringCache.value(new AsciiString("Upgrade-Value-A"));
    assertThat(first).isEqualTo("Upgrade-Value-A");
    assertThat(second).isSameAs(first);
    assertThat(StringCache.value("upgrade-value-a")).isEqualTo("upgrade-value-a");
  }

  @Test
  void namesAreLowerCasedAndShared() {
    String a = StringCache.lowerName(new AsciiString("X-Shared-Name"));
    String b = StringCache.lowerName("x-shared-NAME");
    assertThat(a).isEqualTo("x-shared-name");
    assertThat(b).isSameAs(a);
  }

  @Test
  void longStringsAreCorrectButNotKept() {
    String longValue = "v".repeat(StringCache.MAX_LENGTH + 1);
    String a = StringCache.value(new StringBuilder(longValue));
    String b = StringCache.value(new StringBuilder(longValue));
    assertThat(a).isEqualTo(longValue).isEqualTo(b);
    assertThat(b).isNotSameAs(a);
    assertThat(StringCache.lowerName("N".repeat(StringCache.MAX_LENGTH + 1)))
        .isEqualTo("n".repeat(StringCache.MAX_LENGTH + 1));
  }

  @Test
  void aCollisionReplacesTheSlotAndNeverGivesAWrongString() {
    // "Aa" and "BB" have the same String hash: they share a slot and evict each other
    for (int i = 0; i < 3; i++) {
      assertThat(StringCache.value(new StringBuilder("Aa"))).isEqualTo("Aa");
      assertThat(StringCache.value(new StringBuilder("BB"))).isEqualTo("BB");
    }
  }
}
