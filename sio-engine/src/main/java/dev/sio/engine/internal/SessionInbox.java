package dev.sio.engine.internal;

import dev.sio.engine.spi.SessionExecutor;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How work reaches an {@link EngineSession} on its owner, in order: tasks, packets and broadcasts
 * from any thread go into a lock-free inbox, drained on the owner with one wake-up per burst; on
 * the owner with nothing queued they run at once. The broadcast fan-out ({@link FanOut}) hands its
 * recipients over here, writing them with the flush left to the loop's {@link FanOutFlusher}.
 *
 * <p>The session's superclass rather than an object it holds, so an idle session costs no extra
 * object (a client's live heap). It knows nothing of transports: what a drained item does is the
 * session's {@link #sendPacket} and {@link #deliver}.
 */
abstract class SessionInbox {
  // the session's logger: a failed task is the session's to report
  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

  private static final AtomicIntegerFieldUpdater<SessionInbox> DRAIN_SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(SessionInbox.class, "drainScheduled");

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<SessionInbox, Queue> INBOX =
      AtomicReferenceFieldUpdater.newUpdater(SessionInbox.class, Queue.class, "inbox");

  private final SessionExecutor owner;
  // Any thread in, owner out; made by the owner's newInbox() at the first hand-over from another
  // thread (CAS), so an idle session holds no queue. Read it through inboxEmpty() and inbox(): it
  // may be null.
  private volatile Queue<Object> inbox;

  private volatile int drainScheduled; // CAS by any thread
  boolean deferFlush; // owner: a broadcast writes; the loop's FanOutFlusher flushes

  SessionInbox(SessionExecutor owner) {
    this.owner = owner;
  }

  /**
   * Owner: sends {@code item} (an {@code EnginePacket} or an {@code EngineMessage}) now: written,
   * or queued in the session's write buffer.
   */
  abstract void sendPacket(Object item);

  /** Owner: delivers the parts of {@code broadcast} now. */
  abstract void deliver(ExecutorBroadcast broadcast);

  /** True on the owner thread. */
  final boolean inOwner() {
    return owner.inExecutor();
  }

  /** True when a task may run at once: on the owner, with nothing queued before it. */
  final boolean canRunNow() {
    return owner.inExecutor() && inboxEmpty();
  }

  /** The executor that owns the session (on Netty, an event loop). */
  final SessionExecutor owner() {
    return owner;
  }

  /**
   * Runs {@code task} on the owner, in submission order: at once when called on the owner with
   * nothing queued, else through the inbox.
   */
  public final void execute(Runnable task) {
    if (owner.inExecutor() && inboxEmpty()) {
      runSafely(task);
    } else {
      enqueue(task);
    }
  }

  /** Sends {@code item} on the owner, in submission order, as {@link #execute} runs a task. */
  final void submit(Object item) {
    if (owner.inExecutor() && inboxEmpty()) {
      sendPacket(item);
    } else {
      enqueue(item);
    }
  }

  /** True when nothing waits in the inbox. Any thread; exact on the owner. */
  final boolean inboxEmpty() {
    Queue<Object> q = inbox;
    return q == null || q.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private Queue<Object> inbox() {
    Queue<Object> q = inbox;
    if (q == null) {
      q = owner.newInbox();
      if (!INBOX.compareAndSet(this, null, q)) {
        q = inbox;
      }
    }
    return q;
  }

  private void enqueue(Object item) {
    inbox().offer(item);
    SessionExecutor loop = owner;
    if (loop.inExecutor()) {
      drain();
    } else if (DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
      loop.execute(this::drainTask); // made per hand-over: an idle session holds no task
    }
  }

  private void drainTask() {
    drainScheduled = 0;
    drain();
  }

  private void drain() {
    Queue<Object> q = inbox;
    if (q == null) {
      return;
    }
    Object item;
    while ((item = q.poll()) != null) {
      if (item instanceof Runnable r) {
        runSafely(r);
      } else if (item instanceof ExecutorBroadcast b) { // a broadcast's parts, kept together
        deliver(b);
      } else {
        sendPacket(item);
      }
    }
  }

  // ---- broadcast fan-out (see FanOut) ----

  /**
   * Any thread: queues a broadcast behind everything sent to this session before. True when the
   * caller must have the session drained ({@link #drainForBroadcast}), false when a drain is
   * already scheduled and will take it.
   */
  final boolean offerForBroadcast(ExecutorBroadcast broadcast) {
    inbox().offer(broadcast);
    return DRAIN_SCHEDULED.compareAndSet(this, 0, 1);
  }

  /** Owner: drains the inbox as the drain task would, leaving the flush to the loop's pass. */
  final void drainForBroadcast() {
    drainScheduled = 0;
    boolean outer = deferFlush;
    deferFlush = true;
    try {
      drain();
    } finally {
      deferFlush = outer;
    }
  }

  /** Owner: sends a broadcast as {@code send} would, leaving the flush to the pass. */
  final void sendForBroadcast(ExecutorBroadcast broadcast) {
    boolean outer = deferFlush;
    deferFlush = true;
    try {
      if (inboxEmpty()) {
        deliver(broadcast);
      } else {
        enqueue(broadcast); // behind what waits in the inbox; drained at once on the owner
      }
    } finally {
      deferFlush = outer;
    }
  }

  // ---- tasks ----

  static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      log.warn("Engine.IO task failed", t);
    }
  }

  /** Schedules {@code task} on the owner. */
  final ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return owner.schedule(() -> runSafely(task), delay, unit);
  }
}
