package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.server.ListenerTable.Listener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a {@link Socket}: event handlers, catch-all listeners, packet middlewares and
 * the disconnection and error listeners, and how an incoming event reaches them (through {@link
 * PacketMiddlewareChain}, then the handlers). Listener lists are copy-on-write: they may be changed
 * from any thread, and the event loop reads them without a lock; the event handlers' table and its
 * operations are {@link ListenerTable}'s, typed handlers bind with {@link ArgumentBinding}.
 */
abstract class SocketEvents {
  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);
  private static final dev.sio.server.internal.ClientErrorLog BAD_ARGUMENTS =
      new dev.sio.server.internal.ClientErrorLog(LOG);

  // Any thread: event name -> handlers in registration order, as one immutable ListenerTable
  // replaced as a whole on each change (CAS); the event loop reads it without a lock. An idle
  // socket with a few handlers holds one small array rather than a map and a copy-on-write list
  // (with its lock) per event; most events have one handler, held as itself.
  private volatile Object[] listeners = ListenerTable.EMPTY;

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
    return add(event, handler, ArgumentBinding.bind(this, type, handler), false);
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
    return add(
        event,
        handler,
        ArgumentBinding.bind(this, type, (value, ack) -> handler.accept(value)),
        false);
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
    return add(event, handler, ArgumentBinding.bind(this, type, handler), true);
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
              return ListenerTable.without(list, l);
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

  /**
   * Replaces the handlers of {@code event} with {@code change} of them (given only when there are
   * some; null or empty removes the event), atomically; true when something changed.
   */
  private boolean update(String event, UnaryOperator<Listener[]> change) {
    while (true) {
      Object[] table = listeners;
      Object[] next = ListenerTable.updated(table, event, change);
      if (next == table) {
        return false;
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
      if (LISTENERS.compareAndSet(this, table, ListenerTable.appended(table, event, listener))) {
        return;
      }
    }
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
      PacketMiddlewareChain.run(this, chain, 0, event);
    }
  }

  /** Runs {@code event}'s handlers (its middlewares have let it through). */
  void fire(IncomingEvent event) {
    if (!isConnected()) {
      return; // received after disconnection: ignored, as Node
    }
    Object handlers = ListenerTable.handlersOf(listeners, event.name());
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
    if (listener.once() && !update(event.name(), l -> ListenerTable.without(l, listener))) {
      return; // already removed (fired elsewhere, or off)
    }
    fire(event, listener.handler());
  }

  private void fire(IncomingEvent event, EventListener handler) {
    try {
      handler.onEvent(event.args(), event.ack());
    } catch (
        ArgumentBinding.BadArgumentException e) { // the client's error, which it may repeat at will
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
