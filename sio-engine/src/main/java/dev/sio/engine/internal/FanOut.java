package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.spi.SessionExecutor;
import java.util.Arrays;
import java.util.List;

/**
 * The delivery of one broadcast: its recipients grouped by the event loop that owns them, one
 * {@link ExecutorBroadcast} (one task) per loop. Recipients on other loops get the broadcast in
 * their inbox, behind whatever was sent to them before, so the order of one thread's sends to a
 * session holds; recipients on the calling loop are written inline. Connections are flushed once
 * per loop pass ({@link FanOutFlusher}).
 *
 * <p>Built and sent by one thread; each group then belongs to its loop.
 */
public final class FanOut {
  private final List<EngineMessage> parts;
  private ExecutorBroadcast[] groups = new ExecutorBroadcast[4]; // building thread
  private int groupCount; // building thread
  private int size; // building thread

  /** A fan-out of {@code messages} (the parts of one packet, sent together and in order). */
  public FanOut(List<EngineMessage> messages) {
    this.parts = List.copyOf(messages);
  }

  /**
   * Adds a recipient. A socket that is not one of this engine's sessions is sent the parts at once
   * through its {@code send}.
   */
  public void add(EngineSocket socket) {
    size++;
    if (!(socket instanceof EngineSession session)) {
      for (int i = 0, n = parts.size(); i < n; i++) {
        socket.send(parts.get(i));
      }
      return;
    }
    SessionExecutor loop = session.owner();
    ExecutorBroadcast g = null;
    for (int i = 0; i < groupCount; i++) { // a handful of loops: a scan beats a map
      if (groups[i].loop == loop) {
        g = groups[i];
        break;
      }
    }
    if (g == null) {
      if (groupCount == groups.length) {
        groups = Arrays.copyOf(groups, groupCount * 2);
      }
      g = new ExecutorBroadcast(loop, parts);
      groups[groupCount++] = g;
    }
    g.add(session);
  }

  /** The recipients added. */
  public int size() {
    return size;
  }

  /**
   * Hands each other loop its task first (so that those loops work while this thread writes), then
   * writes to the recipients of the calling loop. Call once.
   */
  public void send() {
    ExecutorBroadcast local = null;
    for (int i = 0; i < groupCount; i++) {
      ExecutorBroadcast g = groups[i];
      if (g.loop.inExecutor()) {
        local = g;
      } else {
        g.handOver();
      }
    }
    if (local != null) {
      local.writeInline();
    }
  }
}
