package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import java.util.Objects;

/**
 * Lets the engine read and write the private wire caches of {@link EngineMessage} without making
 * them public API: the polling forms ({@link PollingForms}) and the binding's frame forms. {@code
 * EngineMessage} registers the accessor when its class initialises, which happens before any
 * instance reaches the engine.
 */
public final class MessageAccess {
  /** Reads and writes the cache fields of a message. */
  public interface Accessor {
    /** The cached polling forms, or {@code null}. */
    Object pollingCache(EngineMessage message);

    /** Stores the polling forms. */
    void pollingCache(EngineMessage message, Object forms);

    /** The binding's cached frame forms, or {@code null}. */
    Object frameCache(EngineMessage message);

    /** Stores the binding's frame forms. */
    void frameCache(EngineMessage message, Object forms);
  }

  private static volatile Accessor accessor; // set once by EngineMessage's static initialiser

  private MessageAccess() {}

  /** Called by {@link EngineMessage} only. */
  public static void register(Accessor a) {
    accessor = Objects.requireNonNull(a);
  }

  /** The accessor (for the engine and its bindings). */
  public static Accessor get() {
    return accessor;
  }
}
