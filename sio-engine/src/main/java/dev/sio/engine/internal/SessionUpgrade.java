package dev.sio.engine.internal;

import dev.sio.protocol.engineio.EnginePacket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One upgrade of a polling session to WebSocket in progress (Node's {@code _maybeUpgrade}): the
 * candidate answers {@code 2probe} with {@code 3probe}, a pending poll is ended with a noop, and
 * {@code 5} hands the session over. Anything else, a failure of the candidate, or {@code
 * upgradeTimeout} aborts it and closes the candidate only. Runs on the session's event loop.
 */
final class SessionUpgrade implements EngineTransport.Listener {
  private final EngineSession session;
  private final WebSocketTransport candidate;
  private final ScheduledFuture<?> timer;
  private boolean probed; // session loop: 3probe was sent

  SessionUpgrade(EngineSession session, WebSocketTransport candidate, long timeoutMillis) {
    this.session = session;
    this.candidate = candidate;
    candidate.listener(this);
    this.timer = session.schedule(this::abort, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** True once the probe was answered: polls are then ended at once so the client can upgrade. */
  boolean probed() {
    return probed;
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
        probed = true;
        session.endPoll();
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

  private void end() {
    timer.cancel(false);
    session.upgradeEnded(this);
  }
}
