package dev.sio.engine.internal;

import dev.sio.engine.spi.PollExchange;
import dev.sio.protocol.engineio.EnginePacket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One upgrade of a polling session to WebSocket in progress (Node's {@code _maybeUpgrade}): the
 * candidate answers {@code 2probe} with {@code 3probe}; from then on a check every {@link
 * #CHECK_INTERVAL_MILLIS} ends a pending poll with a noop (Node's {@code check}), and {@code 5}
 * hands the session over. Anything else, a failure of the candidate, or {@code upgradeTimeout}
 * aborts it and closes the candidate only. Runs on the session's event loop.
 *
 * <p>A GET that comes after the probe with nothing to answer it waits for the next check (as a
 * pending poll it would wait for it too, and get the noop then) before it becomes the pending poll:
 * if a {@code 5} sent before the GET is seen meanwhile, the GET gets what a GET after the upgrade
 * gets (400), as in Node, where one event loop reads both in the order they were sent. A Servlet
 * container's threads can hand the two connections' input to Sio in either order.
 */
final class SessionUpgrade implements EngineTransport.Listener {
  /** Period of the check that ends a pending poll once probed (Node: 100 ms). */
  static final long CHECK_INTERVAL_MILLIS = 100;

  private final EngineSession session;
  private final WebSocketTransport candidate;
  private final ScheduledFuture<?> timer;
  private ScheduledFuture<?> check; // session loop: the next check, or null before the probe
  private PollExchange heldPoll; // session loop: a GET after the probe, until the next check
  private String heldTransport; // session loop: the transport heldPoll asked for

  SessionUpgrade(EngineSession session, WebSocketTransport candidate, long timeoutMillis) {
    this.session = session;
    this.candidate = candidate;
    candidate.listener(this);
    this.timer = session.schedule(this::abort, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onPacket(EnginePacket packet) {
    switch (packet.type()) {
      case PING -> {
        if (!"probe".equals(packet.data())) {
          abort();
          return;
        }
        candidate.sendOne(EnginePacket.PONG_PROBE);
        cancelCheck(); // a second probe restarts the interval, as Node's clearInterval
        check = session.schedule(this::check, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      }
      case UPGRADE -> {
        if (session.isClosed()) {
          abort();
          return;
        }
        end();
        session.switchTo(candidate);
        releasePoll(); // now a GET of the upgraded session: 400
      }
      default -> abort();
    }
  }

  @Override
  public void onParseError(String description) {
    abort();
  }

  @Override
  public void onError(String description) {
    abort();
  }

  @Override
  public void onClose() {
    abort();
  }

  /** Gives up: the candidate is closed, the session goes on as it was. Idempotent. */
  void abort() {
    if (!session.isUpgrade(this)) {
      return;
    }
    end();
    candidate.listener(null);
    candidate.close();
    releasePoll(); // the session polls on
  }

  /**
   * Holds {@code ex}, a GET for the polling session with nothing to answer it, until the next check
   * or the upgrade's end; false (not held) before the probe or when a GET is held already.
   */
  boolean holdPoll(PollExchange ex, String requestedTransport) {
    if (check == null || heldPoll != null) {
      return false;
    }
    heldPoll = ex;
    heldTransport = requestedTransport;
    ex.onAbort(
        () ->
            session.execute(
                () -> {
                  if (heldPoll == ex) {
                    heldPoll = null; // the client went away: nothing to answer
                  }
                }));
    return true;
  }

  /** Hands the held GET, if any, to the session: the pending poll, or refused once upgraded. */
  void releasePoll() {
    PollExchange ex = heldPoll;
    if (ex != null) {
      heldPoll = null;
      ex.onAbort(null);
      session.admitHttpRequest(ex, heldTransport);
    }
  }

  /** Node's {@code check}: a pending poll gets a noop so the client can pause polling. */
  private void check() {
    if (!session.isUpgrade(this)) {
      return;
    }
    releasePoll(); // the pending poll now, ended by the noop below
    session.endPoll();
    check = session.schedule(this::check, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void cancelCheck() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  private void end() {
    timer.cancel(false);
    cancelCheck();
    session.upgradeEnded(this);
  }
}
