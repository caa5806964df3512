package dev.sio.server;

/**
 * The answer to an event the client sent with an acknowledgement id. Sends at most once; later
 * calls are ignored (as Node). May be called from any thread.
 */
public interface Ack {
  /** Answers the client with {@code args} ({@code byte[]} values become binary attachments). */
  void send(Object... args);

  /** True when the client asked for an answer; {@link #send} does nothing otherwise. */
  boolean requested();
}
