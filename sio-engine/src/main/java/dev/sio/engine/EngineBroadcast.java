package dev.sio.engine;

import dev.sio.engine.internal.FanOut;
import java.util.List;

/**
 * One broadcast's delivery: the same prepared messages to many sessions, with one task per event
 * loop instead of one hand-over per session. Add the recipients, then {@link #send} once:
 *
 * <pre>{@code
 * EngineBroadcast b = new EngineBroadcast(List.of(EngineMessage.text("2[\"news\"]")));
 * sessions.forEach(b::add);
 * b.send();
 * }</pre>
 *
 * <p>Each session gets the messages in the order of everything sent to it before from the same
 * thread, and the parts of one broadcast together; the shared frame is written to every connection
 * and each connection is flushed once per pass of its loop. The bounds of the sessions apply as to
 * {@link EngineSocket#send(EngineMessage)}. Not thread-safe: one thread builds and sends it; the
 * sessions may live on any loops.
 */
public final class EngineBroadcast {
  private final FanOut fanOut;
  private boolean sent;

  /**
   * A broadcast of {@code messages}: the parts of one packet, sent together and in order.
   *
   * @param messages the messages
   */
  public EngineBroadcast(List<EngineMessage> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a broadcast needs at least one message");
    }
    this.fanOut = new FanOut(messages);
  }

  /**
   * Adds a recipient. A socket that is not one of this engine's sessions is sent the messages at
   * once through {@link EngineSocket#send(EngineMessage)}.
   *
   * @param socket the socket
   * @throws IllegalStateException after {@link #send}
   */
  public void add(EngineSocket socket) {
    if (sent) {
      throw new IllegalStateException("the broadcast was already sent");
    }
    fanOut.add(socket);
  }

  /** {@return the recipients added so far} */
  public int size() {
    return fanOut.size();
  }

  /**
   * Delivers to every recipient: hands one task to each other event loop, then writes to the
   * recipients of the calling loop (when called on one) at once.
   *
   * @throws IllegalStateException when called twice
   */
  public void send() {
    if (sent) {
      throw new IllegalStateException("the broadcast was already sent");
    }
    sent = true;
    fanOut.send();
  }
}
