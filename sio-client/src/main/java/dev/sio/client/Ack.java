package dev.sio.client;

/**
 * Answers an event the server emitted with an acknowledgement callback. Call it once, from any
 * thread; later calls are ignored, as in the Node.js client.
 *
 * <pre>{@code
 * socket.on("question", (args, ack) -> ack.send("answer", 42));
 * }</pre>
 */
@FunctionalInterface
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
   * Sends the acknowledgement with {@code args} (converted as for {@link Socket#emit}; {@code
   * byte[]} values become binary attachments).
   *
   * @param args the arguments
   */
  void send(Object... args);

  /** {@return whether the server asked for an acknowledgement} */
  default boolean requested() {
    return true;
  }
}
