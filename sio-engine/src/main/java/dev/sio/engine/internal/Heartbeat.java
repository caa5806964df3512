package dev.sio.engine.internal;

import java.util.concurrent.TimeUnit;

/**
 * One session's Engine.IO heartbeat: when to ping and when to give up (Node's {@code schedulePing}
 * and {@code resetPingTimeout}). Engine.IO 4: the server pings {@code pingInterval} after the open
 * (or the last pong) and closes with {@code "ping timeout"} when no pong came {@code pingTimeout}
 * after the ping was due. Engine.IO 3 reverses it: the client pings, and without a ping for {@code
 * pingInterval + pingTimeout} the session closes.
 *
 * <p>The heartbeat follows this schedule, not the moment a timer happens to run: {@link #overdue}
 * tells the session that its deadline passed even when a busy loop has delayed the timer. It waits
 * in one of its loop's {@link FifoTimer}s (one per delay, shared by the sessions of that loop), and
 * is itself the list's node: no task or timer object per session. Touched by the session's owner
 * only.
 */
final class Heartbeat extends FifoTimer.Entry {
  private static final byte OFF = 0; // not started
  private static final byte PING = 1; // v4: the ping is due at dueNanos
  private static final byte PONG = 2; // v4: the ping was sent; the pong is due by dueNanos
  private static final byte V3 = 3; // v3: the client's next ping is due by dueNanos

  private final EngineSession session;
  private byte phase = OFF; // owner

  Heartbeat(EngineSession session) {
    this.session = session;
  }

  /** The open: v4 arms the first ping, v3 waits for the client's. */
  void start() {
    if (session.isV3()) {
      awaitClientPing();
    } else {
      schedulePing();
    }
  }

  /**
   * Engine.IO 3 (Node's {@code resetPingTimeout} for protocol 3): the client pinged, or the
   * transport changed; the next ping is due within {@code pingInterval + pingTimeout}.
   */
  void awaitClientPing() {
    long total =
        TimeUnit.MILLISECONDS.toNanos(
            session.options().pingIntervalMillis() + session.options().pingTimeoutMillis());
    phase = V3;
    LoopState.of(session.owner()).timer(total).arm(this);
  }

  /** Engine.IO 4: a pong that counts; the next ping is due {@code pingInterval} from now. */
  void onPong() {
    schedulePing();
  }

  /**
   * The session's transport changed (the upgrade's switch). Engine.IO 4: the timers stay as they
   * are, so a pong still due keeps its deadline and may come on the new transport (Node's {@code
   * clearTransport} clears the pong's timer and nothing arms it again: a client that never pongs
   * keeps its session until it sends something). Engine.IO 3: the client's next ping is due within
   * {@code pingInterval + pingTimeout} of the switch.
   */
  void transportChanged() {
    if (phase == V3) {
      awaitClientPing();
    }
  }

  /** The session closed: no timer any more. */
  void stop() {
    disarm();
  }

  /** True when, by the schedule, the session's pong (v3: the client's ping) is overdue now. */
  boolean overdue() {
    long deadline;
    switch (phase) {
      case PING -> deadline = dueNanos + pingTimeoutNanos();
      case PONG, V3 -> deadline = dueNanos;
      default -> {
        return false;
      }
    }
    return session.owner().monotonicNanos() - deadline >= 0;
  }

  private void schedulePing() {
    phase = PING;
    LoopState.of(session.owner())
        .timer(TimeUnit.MILLISECONDS.toNanos(session.options().pingIntervalMillis()))
        .arm(this);
  }

  private long pingTimeoutNanos() {
    return TimeUnit.MILLISECONDS.toNanos(session.options().pingTimeoutMillis());
  }

  @Override
  void fire() {
    if (phase == PING) {
      if (!session.isOpen()) {
        return;
      }
      session.sendPing();
      if (!session.isClosed()) { // the pong is due pingTimeout after the ping was due
        long timeout = pingTimeoutNanos();
        phase = PONG;
        LoopState.of(session.owner()).timer(timeout).arm(this, dueNanos + timeout);
      }
      session.checkBound(); // the budget may have shrunk this session's fair share
    } else if (!session.isClosed()) { // the pong (v3: the ping) did not come in time
      session.onClose(EngineProtocol.PING_TIMEOUT, null);
    }
  }

  @Override
  public String toString() {
    return "Heartbeat[" + session.id() + "]";
  }
}
