package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MemberSetsTest {
  @Test
  void smallSetsAreImmutableCopiesAndGrowIntoAConcurrentSetPastTheLimit() {
    boolean[] added = new boolean[1];
    Set<String> one = MemberSets.plus(null, "a", 2, added);
    assertThat(added[0]).isTrue();
    assertThat(one).containsExactly("a").isNotInstanceOf(ConcurrentHashMap.KeySetView.class);

    added[0] = false;
    assertThat(MemberSets.plus(one, "a", 2, added)).isSameAs(one);
    assertThat(added[0]).as("already a member").isFalse();

    Set<String> two = MemberSets.plus(one, "b", 2, added);
    assertThat(two).containsExactlyInAnyOrder("a", "b").isNotSameAs(one);
    assertThat(one).as("a snapshot for its readers").containsExactly("a");

    Set<String> three = MemberSets.plus(two, "c", 2, added);
    assertThat(three)
        .isInstanceOf(ConcurrentHashMap.KeySetView.class)
        .containsExactlyInAnyOrder("a", "b", "c");
    assertThat(MemberSets.plus(three, "d", 2, added)).as("changed in place").isSameAs(three);
    assertThat(three).hasSize(4);
  }

  @Test
  void removingGivesTheRestOrNullOnceEmpty() {
    boolean[] removed = new boolean[1];
    Set<String> two = Set.of("a", "b");
    assertThat(MemberSets.minus(two, "x", removed)).isSameAs(two);
    assertThat(removed[0]).isFalse();
    assertThat(MemberSets.minus(two, "a", removed)).containsExactly("b");
    assertThat(removed[0]).isTrue();
    assertThat(MemberSets.minus(Set.of("a"), "a", removed)).isNull();

    Set<String> big = ConcurrentHashMap.newKeySet();
    big.add("a");
    big.add("b");
    assertThat(MemberSets.minus(big, "a", removed)).isSameAs(big).containsExactly("b");
    assertThat(MemberSets.minus(big, "b", removed)).isNull();
  }
}
