package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import java.util.Objects;

/**
 * Lets the engine read and write the private wire cache of {@link EngineMessage} without making it
 * public API. {@code EngineMessage} registers the accessor when its class initialises, which
 * happens before any instance reaches the engine.
 */
public final class MessageAccess {
  /** Reads and writes the cache field of a message. */
  public interface Accessor {
    /** The cached wire forms, or {@code null}. */
    Object cache(EngineMessage message);

    /** Stores the wire forms. */
    void cache(EngineMessage message, Object forms);
  }

  private static volatile Accessor accessor; // set once by EngineMessage's static initialiser

  private MessageAccess() {}

  /** Called by {@link EngineMessage} only. */
  public static void register(Accessor a) {
    accessor = Objects.requireNonNull(a);
  }

  static Accessor get() {
    return accessor;
  }
}
