package dev.sio.engine.internal;

import dev.sio.engine.AllowRequest;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.SessionExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node's {@code allowRequest} for a handshake (polling or WebSocket): the application's decision,
 * waited for on the request's executor until it arrives, {@code allowRequestTimeout} passes or the
 * client goes away, whichever comes first.
 */
final class AllowRequestCheck {
  private static final Logger log = LoggerFactory.getLogger(AllowRequestCheck.class);

  private AllowRequestCheck() {}

  /**
   * Runs {@code accept} or {@code reject} once {@code options}' {@code allowRequest} decides, on
   * {@code executor} (the request's; null when there is no allowRequest); rejects after {@code
   * allowRequestTimeout}. {@code abortHook} is given a task to run when the client goes away first
   * (nobody is left to answer), and {@code null} once decided.
   */
  static void run(
      EngineOptions options,
      SessionExecutor executor,
      Consumer<Runnable> abortHook,
      HttpRequestInfo info,
      Consumer<String> reject,
      Runnable accept) {
    AllowRequest allow = options.allowRequest();
    if (allow == null) {
      accept.run();
      return;
    }
    CompletableFuture<AllowRequest.Decision> decision;
    try {
      decision = allow.check(info).toCompletableFuture();
    } catch (Throwable t) {
      log.warn("allowRequest failed", t);
      reject.accept(null);
      return;
    }
    if (decision.isDone()) {
      finishCheck(decision, reject, accept);
      return;
    }
    PendingCheck pending = new PendingCheck(executor, abortHook);
    long timeout = options.allowRequestTimeoutMillis();
    pending.deadline =
        executor.schedule(
            () -> {
              if (pending.settle()) {
                log.warn("allowRequest did not decide within {} ms: rejected", timeout);
                reject.accept(null);
              }
            },
            timeout,
            TimeUnit.MILLISECONDS);
    abortHook.accept(pending); // nobody is left to answer
    decision.whenComplete(
        (d, t) ->
            executor.execute(
                () -> {
                  if (pending.settle()) {
                    finishCheck(decision, reject, accept);
                  }
                }));
  }

  /**
   * An allowRequest decision being waited for, until it arrives, {@code allowRequestTimeout} passes
   * or the client goes away, whichever comes first (the request's executor).
   */
  private static final class PendingCheck implements Runnable {
    private final SessionExecutor executor;
    private final Consumer<Runnable> abortHook;
    private boolean settled; // executor: decided, timed out, or the client went away
    private ScheduledFuture<?> deadline; // executor

    PendingCheck(SessionExecutor executor, Consumer<Runnable> abortHook) {
      this.executor = executor;
      this.abortHook = abortHook;
    }

    /** The client went away first (the binding's thread). */
    @Override
    public void run() {
      if (executor.inExecutor()) {
        settle();
      } else {
        executor.execute(this::settle);
      }
    }

    /** True the first time: the caller acts; the deadline and the abort hook are dropped. */
    boolean settle() {
      if (settled) {
        return false;
      }
      settled = true;
      if (deadline != null) {
        deadline.cancel(false);
      }
      abortHook.accept(null);
      return true;
    }
  }

  private static void finishCheck(
      CompletableFuture<AllowRequest.Decision> decision, Consumer<String> reject, Runnable accept) {
    AllowRequest.Decision d;
    try {
      d = decision.join();
    } catch (Throwable t) {
      log.warn("allowRequest failed", t);
      reject.accept(null);
      return;
    }
    if (d != null && d.accepted()) {
      accept.run();
    } else {
      reject.accept(d == null ? null : d.message());
    }
  }
}
