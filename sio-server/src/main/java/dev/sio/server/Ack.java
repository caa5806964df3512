package dev.sio.server;

/**
 * The answer to an event the client sent with an acknowledgement id. Sends at most once; later
 * calls are ignored (as Node). May be called from any thread.
 */
public interface Ack {
  /** The acknowledgement of an event that asked for none: {@link #send} does nothing. */
  Ack NONE =
      new Ack() {
        @Override
        public void send(Object... args) {}

        @Override
        public boolean requested() {
          return false;
        }
      };

  /**
   * Answers the client with {@code args} ({@code byte[]} values become binary attachments).
   *
   * @param args the arguments
   */
  void send(Object... args);

  /** {@return true when the client asked for an answer; {@link #send} does nothing otherwise} */
  boolean requested();
}
