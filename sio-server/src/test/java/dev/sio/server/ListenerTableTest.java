package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.server.ListenerTable.Listener;
import org.junit.jupiter.api.Test;

/**
 * The handler table's forms (a plain handler, one {@link Listener}, an array) and its pure
 * operations: every change makes a new table and leaves the old one as it was.
 */
class ListenerTableTest {
  private static final EventListener A = (args, ack) -> {};
  private static final EventListener B = (args, ack) -> {};

  private static Listener plain(EventListener h) {
    return new Listener(h, h, false);
  }

  @Test
  void aPlainHandlerIsStoredAsItselfAndAOnceHandlerAsItsListener() {
    Object[] t = ListenerTable.appended(ListenerTable.EMPTY, "chat", plain(A));
    assertThat(t).containsExactly("chat", A);
    Listener once = new Listener(B, B, true);
    Object[] u = ListenerTable.appended(t, "news", once);
    assertThat(u).containsExactly("chat", A, "news", once);
    assertThat(t).containsExactly("chat", A); // unchanged
    assertThat(ListenerTable.handlersOf(u, "news")).isSameAs(once);
    assertThat(ListenerTable.handlersOf(u, "other")).isNull();
  }

  @Test
  void aSecondHandlerMakesAnArrayInOrder() {
    Object[] t = ListenerTable.appended(ListenerTable.EMPTY, "chat", plain(A));
    Object[] u = ListenerTable.appended(t, "chat", plain(B));
    Listener[] both = (Listener[]) ListenerTable.handlersOf(u, "chat");
    assertThat(both).extracting(Listener::handler).containsExactly(A, B);
    assertThat(ListenerTable.handlersOf(t, "chat")).isSameAs(A);
  }

  @Test
  void removingCompactsBackAndTheLastRemovalDropsTheEvent() {
    Listener a = plain(A);
    Listener b = plain(B);
    Object[] t =
        ListenerTable.appended(
            ListenerTable.appended(
                ListenerTable.appended(ListenerTable.EMPTY, "x", plain(A)), "chat", a),
            "chat",
            b);
    Object[] u = ListenerTable.updated(t, "chat", list -> ListenerTable.without(list, b));
    assertThat(u).containsExactly("x", A, "chat", A); // one plain handler again: itself
    Object[] v = ListenerTable.updated(u, "chat", list -> new Listener[0]);
    assertThat(v).containsExactly("x", A);
    assertThat(ListenerTable.updated(v, "chat", list -> null)).isSameAs(v); // no such event
    assertThat(ListenerTable.updated(v, "x", list -> list)).isSameAs(v); // nothing changed
  }

  @Test
  void withoutRemovesByIdentityOnly() {
    Listener a = plain(A);
    Listener[] list = {a, plain(B)};
    assertThat(ListenerTable.without(list, plain(A))).isSameAs(list); // equal, not the same
    assertThat(ListenerTable.without(list, a)).extracting(Listener::handler).containsExactly(B);
  }
}
