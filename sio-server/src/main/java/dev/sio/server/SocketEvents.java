package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a {@link Socket}: event handlers, catch-all listeners, packet middlewares and
 * the disconnection and error listeners, and how an incoming event reaches them. Listener lists are
 * copy-on-write: they may be changed from any thread, and the event loop reads them without a lock.
 */
abstract class SocketEvents {
  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);
  private static final dev.sio.server.internal.ClientErrorLog BAD_ARGUMENTS =
      new dev.sio.server.internal.ClientErrorLog(LOG);

  /** An event argument the client sent does not bind to the handler's type: its error. */
  private static final class BadArgumentException extends RuntimeException {
    BadArgumentException(String message) {
      super(message, null, false, false); // no stack trace: nobody will read it
    }
  }

  /** One registered event handler. */
  private record Listener(Object original, EventListener handler, boolean once) {}

  // Any thread: event name -> handlers in registration order, as one immutable array {name,
  // handlers, name, handlers, ...} replaced as a whole on each change (CAS); the event loop
  // reads it without a lock. An idle socket with a few handlers holds one small array rather
  // than a map and a copy-on-write list (with its lock) per event. The handlers of an event are,
  // as in Node's EventEmitter, the one handler itself when it is a plain EventListener added by
  // on (most events have one), else one Listener, else a Listener[] of two or more.
  private volatile Object[] listeners = NO_LISTENERS;

  private static final Object[] NO_LISTENERS = new Object[0];

  private static final AtomicReferenceFieldUpdater<SocketEvents, Object[]> LISTENERS =
      AtomicReferenceFieldUpdater.newUpdater(SocketEvents.class, Object[].class, "listeners");
  // Any thread: the lists most sockets never use, made on first registration (CAS); null until
  // then, so an idle socket holds none of them.
  private volatile Extras extras;

  private static final AtomicReferenceFieldUpdater<SocketEvents, Extras> EXTRAS =
      AtomicReferenceFieldUpdater.newUpdater(SocketEvents.class, Extras.class, "extras");

  /** Catch-all listeners, packet middlewares, disconnection and error listeners. */
  private static final class Extras {
    // Any thread: catch-all listeners of incoming events.
    final CopyOnWriteArrayList<AnyListener> anyListeners = new CopyOnWriteArrayList<>();
    // Any thread: catch-all listeners of outgoing events.
    final CopyOnWriteArrayList<AnyListener> anyOutgoing = new CopyOnWriteArrayList<>();
    // Any thread: packet middlewares in order.
    final CopyOnWriteArrayList<PacketMiddleware> middlewares = new CopyOnWriteArrayList<>();
    // Any thread: disconnection and error listeners.
    final CopyOnWriteArrayList<Consumer<String>> disconnecting = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Consumer<String>> disconnect = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Consumer<Exception>> errors = new CopyOnWriteArrayList<>();
  }

  /** The extra lists, made now if need be. */
  private Extras extras() {
    Extras e = extras;
    if (e == null) {
      e = new Extras();
      if (!EXTRAS.compareAndSet(this, null, e)) {
        e = extras;
      }
    }
    return e;
  }

  abstract boolean isConnected();

  /** Runs {@code task} on the socket's event loop. */
  abstract void hop(Runnable task);

  abstract ObjectMapper mapper();

  /** Tells the server's observers about an outgoing event packet. */
  abstract void instrumentOutgoing(JsonNode data);

  // ---- registration --------------------------------------------------------------------------

  /**
   * Handles {@code event} with its raw arguments. As in Node, {@code "disconnect"} and {@code
   * "disconnecting"} may be listened to this way too (the only argument is the reason); the other
   * reserved names are refused.
   *
   * @param event the event name
   * @param handler the handler
   * @return the socket
   */
  public Socket on(String event, EventListener handler) {
    return add(event, handler, handler, false);
  }

  /**
   * Handles {@code event} with its first argument bound to {@code type} by Jackson.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param handler the handler
   * @return the socket
   */
  public <T> Socket on(String event, Class<T> type, TypedEventHandler<T> handler) {
    return add(event, handler, bind(type, handler), false);
  }

  /**
   * Handles {@code event} with its first argument bound to {@code type}, without the ack.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param handler the handler
   * @return the socket
   */
  public <T> Socket on(String event, Class<T> type, Consumer<T> handler) {
    return add(event, handler, bind(type, (value, ack) -> handler.accept(value)), false);
  }

  /**
   * Handles the next {@code event} only.
   *
   * @param event the event name
   * @param handler the handler
   * @return the socket
   */
  public Socket once(String event, EventListener handler) {
    return add(event, handler, handler, true);
  }

  /**
   * Handles the next {@code event} only, its first argument bound to {@code type}.
   *
   * @param <T> the bound type
   * @param event the event name
   * @param type the class to bind to (with Jackson)
   * @param handler the handler
   * @return the socket
   */
  public <T> Socket once(String event, Class<T> type, TypedEventHandler<T> handler) {
    return add(event, handler, bind(type, handler), true);
  }

  /**
   * Removes {@code handler} (as given to {@code on} or {@code once}) from {@code event}.
   *
   * @param event the event name
   * @param handler the handler
   * @return the socket
   */
  public Socket off(String event, Object handler) {
    update(
        event,
        list -> {
          for (Listener l : list) {
            if (l.original() == handler) {
              return without(list, l);
            }
          }
          return list;
        });
    return (Socket) this;
  }

  /**
   * Removes every handler of {@code event}.
   *
   * @param event the event name
   * @return the socket
   */
  public Socket off(String event) {
    update(event, list -> null);
    return (Socket) this;
  }

  /** The handlers of {@code event} in {@code table} in one of their three forms, or null. */
  private static Object handlersOf(Object[] table, String event) {
    for (int i = 0; i < table.length; i += 2) {
      if (event.equals(table[i])) {
        return table[i + 1];
      }
    }
    return null;
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

  /**
   * Replaces the handlers of {@code event} with {@code change} of them (given only when there are
   * some; null or empty removes the event), atomically; true when something changed.
   */
  private boolean update(String event, java.util.function.UnaryOperator<Listener[]> change) {
    while (true) {
      Object[] table = listeners;
      int at = -1;
      for (int i = 0; i < table.length; i += 2) {
        if (event.equals(table[i])) {
          at = i;
          break;
        }
      }
      Listener[] old = at < 0 ? null : asArray(table[at + 1]);
      Listener[] now = old == null ? null : change.apply(old);
      if (now == old) {
        return false;
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
      if (LISTENERS.compareAndSet(this, table, next)) {
        return true;
      }
    }
  }

  /** Adds {@code listener} after the handlers of {@code event}, atomically. */
  private void append(String event, Listener listener) {
    while (true) {
      Object[] table = listeners;
      int at = -1;
      for (int i = 0; i < table.length; i += 2) {
        if (event.equals(table[i])) {
          at = i;
          break;
        }
      }
      Object[] next;
      if (at < 0) {
        next = java.util.Arrays.copyOf(table, table.length + 2);
        next[table.length] = event;
        next[table.length + 1] = compact(new Listener[] {listener});
      } else {
        Listener[] old = asArray(table[at + 1]);
        Listener[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = listener;
        next = table.clone();
        next[at + 1] = grown; // the same handler may be the whole of another event's handlers
      }
      if (LISTENERS.compareAndSet(this, table, next)) {
        return;
      }
    }
  }

  /** {@code list} without {@code listener} (by identity), or {@code list} if absent. */
  private static Listener[] without(Listener[] list, Listener listener) {
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

  /**
   * Listens to every incoming event (before its handlers).
   *
   * @param listener the listener
   * @return the socket
   */
  public Socket onAny(AnyListener listener) {
    extras().anyListeners.add(listener);
    return (Socket) this;
  }

  /**
   * As {@link #onAny}, first in line.
   *
   * @param listener the listener
   * @return the socket
   */
  public Socket prependAny(AnyListener listener) {
    extras().anyListeners.add(0, listener);
    return (Socket) this;
  }

  /**
   * Removes a catch-all listener.
   *
   * @param listener the listener
   * @return the socket
   */
  public Socket offAny(AnyListener listener) {
    Extras e = extras;
    if (e != null) {
      e.anyListeners.remove(listener);
    }
    return (Socket) this;
  }

  /**
   * Removes every catch-all listener.
   *
   * @return the socket
   */
  public Socket offAny() {
    Extras e = extras;
    if (e != null) {
      e.anyListeners.clear();
    }
    return (Socket) this;
  }

  /**
   * Listens to every outgoing event (emits and broadcasts reaching this socket).
   *
   * @param listener the listener
   * @return the socket
   */
  public Socket onAnyOutgoing(AnyListener listener) {
    extras().anyOutgoing.add(listener);
    return (Socket) this;
  }

  /**
   * As {@link #onAnyOutgoing}, first in line.
   *
   * @param listener the listener
   * @return the socket
   */
  public Socket prependAnyOutgoing(AnyListener listener) {
    extras().anyOutgoing.add(0, listener);
    return (Socket) this;
  }

  /**
   * Removes an outgoing catch-all listener.
   *
   * @param listener the listener
   * @return the socket
   */
  public Socket offAnyOutgoing(AnyListener listener) {
    Extras e = extras;
    if (e != null) {
      e.anyOutgoing.remove(listener);
    }
    return (Socket) this;
  }

  /**
   * Removes every outgoing catch-all listener.
   *
   * @return the socket
   */
  public Socket offAnyOutgoing() {
    Extras e = extras;
    if (e != null) {
      e.anyOutgoing.clear();
    }
    return (Socket) this;
  }

  /**
   * Runs {@code middleware} on each incoming event before its handlers.
   *
   * @param middleware the middleware
   * @return the socket
   */
  public Socket use(PacketMiddleware middleware) {
    extras().middlewares.add(middleware);
    return (Socket) this;
  }

  /**
   * {@return called with Node's reason when the socket disconnects, before it leaves its rooms}
   *
   * @param listener the listener
   */
  public Socket onDisconnecting(Consumer<String> listener) {
    extras().disconnecting.add(listener);
    return (Socket) this;
  }

  /**
   * {@return called with Node's reason once the socket disconnected: {@code "client namespace
   * disconnect"}, {@code "server namespace disconnect"}, {@code "transport close"}, {@code
   * "transport error"}, {@code "ping timeout"}, {@code "parse error"}, {@code "forced close"},
   * {@code "forced server close"}, {@code "server shutting down"}}
   *
   * @param listener the listener
   */
  public Socket onDisconnect(Consumer<String> listener) {
    extras().disconnect.add(listener);
    return (Socket) this;
  }

  /**
   * {@return called with errors: packet middleware rejections and invalid packets (Node's "error"
   * event)}
   *
   * @param listener the listener
   */
  public Socket onError(Consumer<Exception> listener) {
    extras().errors.add(listener);
    return (Socket) this;
  }

  private Socket add(String event, Object original, EventListener handler, boolean once) {
    if (event.equals("disconnect") || event.equals("disconnecting")) {
      Consumer<String> listener =
          reason -> {
            try {
              handler.onEvent(
                  List.of(com.fasterxml.jackson.databind.node.TextNode.valueOf(reason)), Ack.NONE);
            } catch (Exception e) {
              LOG.warn("{} handler failed on {}", event, this, e);
            }
          };
      Extras e = extras();
      (event.equals("disconnect") ? e.disconnect : e.disconnecting).add(listener);
      return (Socket) this;
    }
    ReservedEvents.check(event);
    append(event, new Listener(original, handler, once));
    return (Socket) this;
  }

  private <T> EventListener bind(Class<T> type, TypedEventHandler<T> handler) {
    return (args, ack) -> {
      T value;
      try {
        value = args.isEmpty() ? null : mapper().treeToValue(args.get(0), type);
      } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
        String detail =
            e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage()
                : e.getMessage();
        throw new BadArgumentException("not a " + type.getSimpleName() + ": " + detail);
      }
      handler.handle(value, ack);
    };
  }

  // ---- delivery (event loop) -----------------------------------------------------------------

  void notifyIncoming(String event, List<JsonNode> args) {
    Extras x = extras;
    if (x == null) {
      return;
    }
    for (AnyListener listener : x.anyListeners) {
      try {
        listener.onEvent(event, args);
      } catch (RuntimeException e) {
        LOG.warn("onAny listener failed on {}", this, e);
      }
    }
  }

  /** Tells the outgoing catch-all listeners about a packet's data array {@code [event, ...]}. */
  void notifyOutgoing(JsonNode data) {
    instrumentOutgoing(data);
    Extras x = extras;
    if (x == null || x.anyOutgoing.isEmpty()) {
      return;
    }
    String event = data.get(0).asText();
    // a copy: an outgoing array may still change (an adapter appends the recovery offset)
    List<JsonNode> args = List.copyOf(dev.sio.server.internal.Args.tail(data, 1));
    for (AnyListener listener : x.anyOutgoing) {
      try {
        listener.onEvent(event, args);
      } catch (RuntimeException e) {
        LOG.warn("onAnyOutgoing listener failed on {}", this, e);
      }
    }
  }

  /** Runs the packet middlewares, then the handlers. */
  void dispatch(IncomingEvent event) {
    Extras e = extras;
    List<PacketMiddleware> chain =
        e == null || e.middlewares.isEmpty() ? List.of() : List.copyOf(e.middlewares);
    if (chain.isEmpty()) {
      fire(event);
    } else {
      runMiddleware(chain, 0, event);
    }
  }

  private void runMiddleware(List<PacketMiddleware> chain, int index, IncomingEvent event) {
    AtomicBoolean called = new AtomicBoolean();
    Next next =
        new Next() {
          @Override
          public void accept() {
            if (called.compareAndSet(false, true)) {
              hop(
                  () -> {
                    if (index + 1 < chain.size()) {
                      runMiddleware(chain, index + 1, event);
                    } else {
                      fire(event);
                    }
                  });
            }
          }

          @Override
          public void reject(Exception error) {
            if (called.compareAndSet(false, true)) {
              hop(() -> fireError(error));
            }
          }
        };
    try {
      chain.get(index).handle(event, next);
    } catch (Exception e) {
      next.reject(e);
    }
  }

  private void fire(IncomingEvent event) {
    if (!isConnected()) {
      return; // received after disconnection: ignored, as Node
    }
    Object handlers = handlersOf(listeners, event.name());
    if (handlers instanceof Listener[] list) {
      for (Listener listener : list) {
        fire(event, listener);
      }
    } else if (handlers instanceof Listener listener) {
      fire(event, listener);
    } else if (handlers != null) {
      fire(event, (EventListener) handlers);
    }
  }

  private void fire(IncomingEvent event, Listener listener) {
    if (listener.once() && !update(event.name(), l -> without(l, listener))) {
      return; // already removed (fired elsewhere, or off)
    }
    fire(event, listener.handler());
  }

  private void fire(IncomingEvent event, EventListener handler) {
    try {
      handler.onEvent(event.args(), event.ack());
    } catch (BadArgumentException e) { // the client's error, which it may repeat at will
      BAD_ARGUMENTS.badArgument(event.name(), this, e.getMessage());
    } catch (Exception e) {
      LOG.warn("handler of event \"{}\" failed on {}", event.name(), this, e);
    }
  }

  void fireError(Exception error) {
    Extras x = extras;
    if (x == null) {
      return;
    }
    for (Consumer<Exception> listener : x.errors) {
      try {
        listener.accept(error);
      } catch (RuntimeException e) {
        LOG.warn("error listener failed on {}", this, e);
      }
    }
  }

  void fireDisconnecting(String reason) {
    Extras e = extras;
    if (e != null) {
      fireReason(e.disconnecting, reason);
    }
  }

  void fireDisconnect(String reason) {
    Extras e = extras;
    if (e != null) {
      fireReason(e.disconnect, reason);
    }
  }

  private void fireReason(List<Consumer<String>> list, String reason) {
    for (Consumer<String> listener : list) {
      try {
        listener.accept(reason);
      } catch (RuntimeException e) {
        LOG.warn("disconnect listener failed on {}", this, e);
      }
    }
  }
}
