package dev.sio.engine.internal;

import dev.sio.engine.spi.UpgradeVerdict;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The verdicts of WebSocket upgrades an endpoint refuses (Node's {@code abortUpgrade} answers). */
final class UpgradeRefusals {
  private UpgradeRefusals() {}

  /** {@link #of} as a completed stage. */
  static CompletionStage<UpgradeVerdict> completed(int code, String message) {
    return CompletableFuture.completedFuture(of(code, message));
  }

  /** Node's {@code abortUpgrade}: a 400 with the error's message, then the connection ends. */
  static UpgradeVerdict of(int code, String message) {
    return refusalOf(Responses.upgradeError(code, message), false);
  }

  /** The 400 of a WebSocket for another transport, or of a handshake while shutting down. */
  static UpgradeVerdict afterChecks() {
    return refusalOf(Responses.upgradeError(EngineProtocol.BAD_REQUEST, null), true);
  }

  private static UpgradeVerdict refusalOf(HttpAnswer r, boolean afterChecks) {
    return new UpgradeVerdict(
        r.status(),
        r.text().toString(),
        afterChecks,
        r.headers(),
        null,
        null,
        null,
        false,
        false,
        false);
  }
}
