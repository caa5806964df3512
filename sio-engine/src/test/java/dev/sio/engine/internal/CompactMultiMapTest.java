package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactMultiMapTest {
  @Test
  void keepsKeysInFirstOrderAndValuesInOrder() {
    CompactMultiMap m =
        new CompactMultiMap.Builder(2)
            .add("host", "h")
            .add("accept", "a1")
            .add("cookie", "c")
            .add("accept", "a2")
            .add("accept", "a3")
            .build();
    assertThat(m).hasSize(3);
    assertThat(new ArrayList<>(m.keySet())).containsExactly("host", "accept", "cookie");
    assertThat(m.get("accept")).containsExactly("a1", "a2", "a3");
    assertThat(m.get("host")).containsExactly("h");
    assertThat(m.get("missing")).isNull();
    assertThat(m.get(null)).isNull();
    assertThat(m.containsKey("cookie")).isTrue();
    assertThat(m.containsKey("Cookie")).isFalse();
    Map<String, List<String>> same = new LinkedHashMap<>();
    same.put("host", List.of("h"));
    same.put("accept", List.of("a1", "a2", "a3"));
    same.put("cookie", List.of("c"));
    assertThat(m).isEqualTo(same);
    assertThat(m.hashCode()).isEqualTo(same.hashCode());
    List<String> visited = new ArrayList<>();
    m.forEach((k, v) -> visited.add(k + "=" + v));
    assertThat(visited).containsExactly("host=[h]", "accept=[a1, a2, a3]", "cookie=[c]");
  }

  @Test
  void isImmutable() {
    CompactMultiMap m = new CompactMultiMap.Builder(1).add("a", "1").build();
    assertThatThrownBy(() -> m.put("b", List.of("2")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.get("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(new CompactMultiMap.Builder(4).build()).isSameAs(CompactMultiMap.EMPTY).isEmpty();
  }

  @Test
  void manyKeysAndRepeatsStayCorrectPastTheScanLimit() {
    CompactMultiMap.Builder b = new CompactMultiMap.Builder(0);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (int i = 0; i < 3000; i++) {
      String key = "k" + (i % 1000);
      b.add(key, "v" + i);
      expected.computeIfAbsent(key, k -> new ArrayList<>()).add("v" + i);
    }
    CompactMultiMap m = b.build();
    assertThat(m).isEqualTo(expected);
    assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
    assertThat(m.get("k999")).containsExactly("v999", "v1999", "v2999");
  }
}
