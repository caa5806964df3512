package dev.sio.server.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sets of the in-memory adapter's room index, small while small: up to {@code limit} members a
 * set is immutable ({@code Set.of}) and replaced on each change; past it, a concurrent set changed
 * in place. A socket's own room and a socket's usual one or two rooms so cost a few words instead
 * of a concurrent map each. Every change runs inside the index map's {@code compute} for the key,
 * so changes of one set never race; readers iterate whichever set they got, a snapshot while small.
 */
public final class MemberSets {
  private MemberSets() {}

  /**
   * {@code set} with {@code member}: the set to store (the same one when changed in place).
   *
   * @param set the current set, or null for none
   * @param member the member to add
   * @param limit the largest size kept immutable
   * @param added set to true at index 0 when {@code member} was not in the set
   * @return the set to store
   */
  public static Set<String> plus(Set<String> set, String member, int limit, boolean[] added) {
    if (set == null) {
      added[0] = true;
      return Set.of(member);
    }
    if (set.contains(member)) {
      return set;
    }
    added[0] = true;
    if (!immutable(set)) {
      set.add(member);
      return set;
    }
    int size = set.size();
    if (size < limit) {
      String[] members = set.toArray(new String[size + 1]);
      members[size] = member;
      return Set.of(members);
    }
    Set<String> grown = ConcurrentHashMap.newKeySet(Math.max(4, size * 2));
    grown.addAll(set);
    grown.add(member);
    return grown;
  }

  /**
   * {@code set} without {@code member}: the set to store, or null when it is now empty.
   *
   * @param set the current set
   * @param member the member to remove
   * @param removed set to true at index 0 when {@code member} was in the set
   * @return the set to store, or null to remove the entry
   */
  public static Set<String> minus(Set<String> set, String member, boolean[] removed) {
    if (!set.contains(member)) {
      return set;
    }
    removed[0] = true;
    if (!immutable(set)) {
      set.remove(member);
      return set.isEmpty() ? null : set;
    }
    if (set.size() == 1) {
      return null;
    }
    String[] rest = new String[set.size() - 1];
    int i = 0;
    for (String m : set) {
      if (!m.equals(member)) {
        rest[i++] = m;
      }
    }
    return Set.of(rest);
  }

  private static boolean immutable(Set<String> set) {
    return !(set instanceof ConcurrentHashMap.KeySetView);
  }
}
