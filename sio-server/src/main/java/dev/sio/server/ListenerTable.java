package dev.sio.server;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The immutable table of a socket's event handlers and its pure operations: {@code {name, handlers,
 * name, handlers, ...}}, where an event's handlers are, as in Node's EventEmitter, the one handler
 * itself when it is a plain {@link EventListener} added by {@code on}, else one {@link Listener},
 * else a {@code Listener[]} of two or more. A change makes a new table, which {@link SocketEvents}
 * swaps in with a CAS; static, no state, any thread.
 */
final class ListenerTable {
  /** The table without events. */
  static final Object[] EMPTY = new Object[0];

  /** One registered event handler: as given ({@code original}), as run, and whether only once. */
  record Listener(Object original, EventListener handler, boolean once) {}

  private ListenerTable() {}

  /** The handlers of {@code event} in {@code table} in one of their three forms, or null. */
  static Object handlersOf(Object[] table, String event) {
    for (int i = 0; i < table.length; i += 2) {
      if (event.equals(table[i])) {
        return table[i + 1];
      }
    }
    return null;
  }

  /**
   * {@code table} with the handlers of {@code event} replaced by {@code change} of them (applied
   * only when there are some; null or empty removes the event), or {@code table} itself when
   * nothing changed.
   */
  static Object[] updated(Object[] table, String event, UnaryOperator<Listener[]> change) {
    int at = indexOf(table, event);
    Listener[] old = at < 0 ? null : asArray(table[at + 1]);
    Listener[] now = old == null ? null : change.apply(old);
    if (now == old) {
      return table;
    }
    Object[] next;
    Object handlers = compact(now);
    if (handlers == null) {
      next = new Object[table.length - 2];
      System.arraycopy(table, 0, next, 0, at);
      System.arraycopy(table, at + 2, next, at, table.length - at - 2);
    } else {
      next = table.clone();
      next[at + 1] = handlers;
    }
    return next;
  }

  /** {@code table} with {@code listener} added after the handlers of {@code event}. */
  static Object[] appended(Object[] table, String event, Listener listener) {
    int at = indexOf(table, event);
    Object[] next;
    if (at < 0) {
      next = Arrays.copyOf(table, table.length + 2);
      next[table.length] = event;
      next[table.length + 1] = compact(new Listener[] {listener});
    } else {
      Listener[] old = asArray(table[at + 1]);
      Listener[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = listener;
      next = table.clone();
      next[at + 1] = grown; // the same handler may be the whole of another event's handlers
    }
    return next;
  }

  /** {@code list} without {@code listener} (by identity), or {@code list} if absent. */
  static Listener[] without(Listener[] list, Listener listener) {
    for (int i = 0; i < list.length; i++) {
      if (list[i] == listener) {
        Listener[] rest = new Listener[list.length - 1];
        System.arraycopy(list, 0, rest, 0, i);
        System.arraycopy(list, i + 1, rest, i, list.length - i - 1);
        return rest;
      }
    }
    return list;
  }

  /** Where {@code event}'s name is in {@code table}, or -1. */
  private static int indexOf(Object[] table, String event) {
    for (int i = 0; i < table.length; i += 2) {
      if (event.equals(table[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Handlers in any of their forms as an array (a new one for a single handler), or null. */
  private static Listener[] asArray(Object handlers) {
    if (handlers == null || handlers instanceof Listener[]) {
      return (Listener[]) handlers;
    }
    if (handlers instanceof Listener one) {
      return new Listener[] {one};
    }
    EventListener plain = (EventListener) handlers;
    return new Listener[] {new Listener(plain, plain, false)};
  }

  /** The smallest form of {@code list}: null when empty, the handler itself when it can be. */
  private static Object compact(Listener[] list) {
    if (list == null || list.length == 0) {
      return null;
    }
    if (list.length > 1) {
      return list;
    }
    Listener one = list[0];
    return !one.once() && one.original() == one.handler() ? one.handler() : one;
  }
}
