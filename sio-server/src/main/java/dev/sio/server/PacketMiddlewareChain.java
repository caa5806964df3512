package dev.sio.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an incoming event through a socket's packet middlewares in order: each one's {@link Next}
 * goes on (to the next one, then the handlers) or stops with an error for the socket's {@code
 * onError} listeners, on the socket's event loop; a middleware that throws rejects. Its {@link
 * Next} acts once. Static, no state: the chain is a snapshot taken by {@link SocketEvents}.
 */
final class PacketMiddlewareChain {
  private PacketMiddlewareChain() {}

  /** Runs {@code event} through {@code chain} from {@code index}, then {@code events}' handlers. */
  static void run(
      SocketEvents events, List<PacketMiddleware> chain, int index, IncomingEvent event) {
    AtomicBoolean called = new AtomicBoolean();
    Next next =
        new Next() {
          @Override
          public void accept() {
            if (called.compareAndSet(false, true)) {
              events.hop(
                  () -> {
                    if (index + 1 < chain.size()) {
                      run(events, chain, index + 1, event);
                    } else {
                      events.fire(event);
                    }
                  });
            }
          }

          @Override
          public void reject(Exception error) {
            if (called.compareAndSet(false, true)) {
              events.hop(() -> events.fireError(error));
            }
          }
        };
    try {
      chain.get(index).handle(event, next);
    } catch (Exception e) {
      next.reject(e);
    }
  }
}
