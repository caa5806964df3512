package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallMapTest {
  @Test
  void holdsOneEntryInPlaceThenSeveral() {
    SmallMap<String, String> m = new SmallMap<>();
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.get("/")).isNull();
    m.put("/", "a");
    m.put("/", "b"); // the same key: replaced
    assertThat(m.get("/")).isEqualTo("b");
    assertThat(m.values()).containsExactly("b");
    m.remove("/", "a"); // not its value: kept
    assertThat(m.get("/")).isEqualTo("b");
    m.put("/chat", "c");
    assertThat(m.get("/")).isEqualTo("b");
    assertThat(m.get("/chat")).isEqualTo("c");
    assertThat(m.values()).containsExactlyInAnyOrder("b", "c");
    m.remove("/", "b");
    assertThat(m.get("/")).isNull();
    assertThat(m.isEmpty()).isFalse();
    m.remove("/chat", "c");
    assertThat(m.isEmpty()).isTrue();
    m.put("/x", "x");
    m.clear();
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.values()).isEmpty();
  }

  @Test
  void valuesIsACopy() {
    SmallMap<String, String> m = new SmallMap<>();
    m.put("/", "a");
    var values = m.values();
    m.clear();
    assertThat(values).containsExactly("a");
    values.add("free to change");
  }
}
