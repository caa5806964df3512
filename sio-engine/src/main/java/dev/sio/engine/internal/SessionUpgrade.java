package dev.sio.engine.internal;

import dev.sio.protocol.engineio.EnginePacket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One upgrade of a polling session to WebSocket in progress (Node's {@code _maybeUpgrade}): the
 * candidate answers {@code 2probe} with {@code 3probe}; from then on a check every {@link
 * #CHECK_INTERVAL_MILLIS} ends a pending poll with a noop (Node's {@code check}), and {@code 5}
 * hands the session over. Anything else, a failure of the candidate, or {@code upgradeTimeout}
 * aborts it and closes the candidate only. Runs on the session's event loop.
 */
final class SessionUpgrade implements EngineTransport.Listener {
  /** Period of the check that ends a pending poll once probed (Node: 100 ms). */
  static final long CHECK_INTERVAL_MILLIS = 100;

  private final EngineSession session;
  private final WebSocketTransport candidate;
  private final ScheduledFuture<?> timer;
  private ScheduledFuture<?> check; // session loop: the next check, or null before the probe

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
  }

  /** Node's {@code check}: a pending poll gets a noop so the client can pause polling. */
  private void check() {
    if (!session.isUpgrade(this)) {
      return;
    }
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
