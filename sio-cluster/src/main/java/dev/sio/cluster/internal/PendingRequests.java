package dev.sio.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.cluster.ClusterScheduler;
import dev.sio.server.Instrumentation;
import dev.sio.server.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The requests a node waits on: those that collect one answer per other server (fetchSockets,
 * serverSideEmitWithAck, allRooms) and the broadcasts with acks. Thread-safe: requests are started
 * by any thread and answered on the transport's thread; each request is guarded by its own monitor.
 */
public final class PendingRequests {
  /** Makes the error of a request that timed out from (answers received, answers expected). */
  @FunctionalInterface
  public interface TimeoutError {
    Throwable create(int received, int expected, List<JsonNode> responses);
  }

  private static final class Request {
    final int expected;
    final List<JsonNode> responses; // guarded by this
    final CompletableFuture<List<JsonNode>> future = new CompletableFuture<>();
    // Guarded by this: the nodes that have not answered yet (null: count answers instead).
    final Set<String> missing;
    int current; // guarded by this
    volatile ScheduledFuture<?> timer; // set once after creation, by the starting thread

    Request(int expected, List<JsonNode> initial, Set<String> missing) {
      this.expected = expected;
      this.responses = new ArrayList<>(initial);
      this.missing = missing;
    }

    /** True once every answer is in (under this). */
    boolean done() {
      return missing != null ? missing.isEmpty() : current >= expected;
    }
  }

  /** The callbacks of one broadcast with acks. */
  public record AckRequest(IntConsumer clientCount, Consumer<JsonNode> ack) {}

  private final ClusterScheduler scheduler;
  private final Namespace nsp; // whose server's observers hear about requests and timeouts
  // Any thread: requestId -> request.
  private final Map<String, Request> requests = new ConcurrentHashMap<>();
  // Any thread: requestId -> broadcast-with-ack callbacks, removed after the broadcast's timeout.
  private final Map<String, AckRequest> acks = new ConcurrentHashMap<>();

  public PendingRequests(ClusterScheduler scheduler, Namespace nsp) {
    this.scheduler = scheduler;
    this.nsp = nsp;
  }

  /**
   * Starts waiting for {@code expected} answers to {@code requestId}.
   *
   * @param type what is asked ({@code "fetchSockets"}, {@code "serverSideEmitWithAck"}), for the
   *     server's observers
   * @param initial the local part, first in the result
   * @return completes with {@code initial} plus every answer's items, or with {@code error}'s
   *     exception after {@code timeout}
   */
  public CompletableFuture<List<JsonNode>> start(
      String type,
      String requestId,
      int expected,
      List<JsonNode> initial,
      Duration timeout,
      TimeoutError error) {
    return start(type, requestId, new Request(expected, initial, null), timeout, error);
  }

  /**
   * Starts waiting for an answer from each node of {@code nodes} (ClusterAdapterWithHeartbeat): a
   * node that {@link #forget}s is no longer waited for.
   */
  public CompletableFuture<List<JsonNode>> startFrom(
      String type,
      String requestId,
      Set<String> nodes,
      List<JsonNode> initial,
      Duration timeout,
      TimeoutError error) {
    Request r = new Request(nodes.size(), initial, new HashSet<>(nodes));
    return start(type, requestId, r, timeout, error);
  }

  private CompletableFuture<List<JsonNode>> start(
      String type, String requestId, Request r, Duration timeout, TimeoutError error) {
    requests.put(requestId, r);
    Instrumentation observer = nsp.server().instrumentation();
    if (observer != null) {
      observer.adapterRequest(nsp, type);
    }
    r.timer =
        scheduler.schedule(
            () -> {
              if (requests.remove(requestId, r)) {
                if (observer != null) {
                  observer.adapterRequestTimedOut(nsp, type);
                }
                synchronized (r) {
                  r.future.completeExceptionally(
                      error.create(
                          r.current,
                          r.missing != null ? r.current + r.missing.size() : r.expected,
                          List.copyOf(r.responses)));
                }
              }
            },
            timeout);
    return r.future;
  }

  /** True while {@code requestId} is waited on (so this node sent it). */
  public boolean has(String requestId) {
    return requestId != null && (requests.containsKey(requestId) || acks.containsKey(requestId));
  }

  /** Counts one answer to {@code requestId}, adding {@code items}; ignores unknown requests. */
  public void answer(String requestId, Iterable<JsonNode> items) {
    answer(requestId, null, items);
  }

  /**
   * Counts the answer of node {@code from} to {@code requestId}, adding {@code items}; ignores
   * unknown requests, and a second answer of one node to a request waiting on nodes.
   */
  public void answer(String requestId, String from, Iterable<JsonNode> items) {
    Request r = requestId == null ? null : requests.get(requestId);
    if (r == null) {
      return;
    }
    boolean done;
    synchronized (r) {
      if (r.missing != null && !r.missing.remove(from)) {
        return;
      }
      for (JsonNode item : items) {
        r.responses.add(item);
      }
      r.current++;
      done = r.done();
    }
    finishIfDone(requestId, r, done);
  }

  /** Stops waiting for node {@code uid} (it left or seems down); completes what it held up. */
  public void forget(String uid) {
    requests.forEach(
        (id, r) -> {
          boolean done;
          synchronized (r) {
            if (r.missing == null || !r.missing.remove(uid)) {
              return;
            }
            done = r.done();
          }
          finishIfDone(id, r, done);
        });
  }

  /** How many answers request {@code requestId} still waits for (-1 when unknown), for tests. */
  public int missing(String requestId) {
    Request r = requests.get(requestId);
    if (r == null) {
      return -1;
    }
    synchronized (r) {
      return r.missing != null ? r.missing.size() : r.expected - r.current;
    }
  }

  private void finishIfDone(String requestId, Request r, boolean done) {
    if (done && requests.remove(requestId, r)) {
      cancel(r);
      synchronized (r) {
        r.future.complete(List.copyOf(r.responses));
      }
    }
  }

  /** Registers the callbacks of a broadcast with acks for {@code timeout}. */
  public void startAck(String requestId, AckRequest callbacks, Duration timeout) {
    acks.put(requestId, callbacks);
    scheduler.schedule(() -> acks.remove(requestId), timeout);
  }

  /** The callbacks of broadcast {@code requestId}, or {@code null}. */
  public AckRequest ack(String requestId) {
    return requestId == null ? null : acks.get(requestId);
  }

  private static void cancel(Request r) {
    ScheduledFuture<?> timer = r.timer;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Fails every open request (when the adapter closes). */
  public void failAll(Throwable error) {
    requests.forEach(
        (id, r) -> {
          if (requests.remove(id, r)) {
            cancel(r); // the timer may not be set yet: start() puts the request first
            r.future.completeExceptionally(error);
          }
        });
    acks.clear();
  }
}
