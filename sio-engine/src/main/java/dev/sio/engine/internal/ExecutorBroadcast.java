package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.SessionExecutor;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broadcast's recipients on one session executor (on Netty an event loop), and that executor's
 * one task for it.
 *
 * <p>Handed over by another thread, it is put in each recipient's inbox (the same object for all of
 * them: no allocation per recipient), and the loop's task drains the sessions whose drain it
 * claimed; a session whose drain was already scheduled takes it from that drain. On the loop, each
 * part gets one shared form from a recipient's {@link MessageChannel#holdShared}, which every
 * WebSocket recipient writes from ({@link MessageChannel#writeShared}). On Netty that is a copy of
 * the part's finished frame in a buffer of the connections' allocator, and every connection writes
 * a retained duplicate of it: with Netty's pooled allocator the duplicate is recycled (nothing
 * allocated per recipient), with the adaptive one (Netty 4.2's default) it is one small object, and
 * the reference count is touched by this loop only. The form is made by the task, or by a drain
 * that meets the broadcast before the task runs, and given back ({@link
 * MessageChannel#releaseShared}) when the task ends; later, the message itself is written.
 *
 * <p>The recipient list is written by the building thread before the hand-over; everything else
 * belongs to the loop.
 */
final class ExecutorBroadcast {
  private static final Logger log = LoggerFactory.getLogger(ExecutorBroadcast.class);

  final SessionExecutor loop;
  private final List<EngineMessage> parts;
  private EngineSession[] sessions = new EngineSession[8];
  private int count;
  private int recipients; // written before the hand-over: the loop's recipients
  // Set after the task was queued: a drain that meets this broadcast before the task may hold the
  // frames, since the task will release them. Any thread writes once, the loop reads.
  private volatile boolean taskQueued;
  private Object[] frames; // loop: one shared form per part while held, else null
  private MessageChannel holder; // loop: the channel that made the frames, which releases them
  private boolean released; // loop: the task ended; frames are never held again

  ExecutorBroadcast(SessionExecutor loop, List<EngineMessage> parts) {
    this.loop = loop;
    this.parts = parts;
  }

  /** Building thread: a recipient owned by {@link #loop}. */
  void add(EngineSession s) {
    if (count == sessions.length) {
      sessions = Arrays.copyOf(sessions, count * 2);
    }
    sessions[count++] = s;
    recipients = count;
  }

  /**
   * Another thread: queues this broadcast in every session's inbox, keeps the sessions whose drain
   * is now this task's job, and hands the task to the loop.
   */
  void handOver() {
    int mine = 0;
    for (int i = 0; i < count; i++) {
      EngineSession s = sessions[i];
      if (s.offerForBroadcast(this)) {
        sessions[mine++] = s;
      }
    }
    Arrays.fill(sessions, mine, count, null);
    count = mine;
    try {
      // Queued even when every drain was already scheduled (they then deliver it): the task also
      // releases the frames a drain held. Not a Runnable itself: inboxes run the Runnables they
      // hold.
      loop.execute(this::run);
      taskQueued = true;
    } catch (RejectedExecutionException e) {
      // the loop is shutting down; its sessions are being closed and take nothing more
    }
  }

  /**
   * The loop's task: drains each claimed session; each connection is flushed at the pass's end, or
   * as it is written when broadcasts come one per pass ({@link FanOutFlusher#beginBroadcast}).
   */
  private void run() {
    deliverToAll(true);
  }

  /** The calling thread is {@link #loop}: writes at once, behind anything queued before. */
  void writeInline() {
    deliverToAll(false);
  }

  /**
   * Loop: holds the frames, then delivers to each session (its drain, or at once behind its inbox),
   * flushing each as it is written when the flusher says so; releases the frames.
   */
  private void deliverToAll(boolean drain) {
    for (int i = 0; i < count && frames == null; i++) {
      holdFrames(sessions[i]);
    }
    FanOutFlusher flusher = FanOutFlusher.beginBroadcast(loop);
    boolean eager = flusher.eager();
    try {
      for (int i = 0; i < count; i++) {
        try {
          if (drain) {
            sessions[i].drainForBroadcast();
          } else {
            sessions[i].sendForBroadcast(this);
          }
          if (eager) {
            flusher.flushEarly();
          }
        } catch (RuntimeException e) {
          log.warn("broadcast failed for {}", sessions[i], e); // the others still get it
        }
        sessions[i] = null;
      }
    } finally {
      flusher.endBroadcast();
      released = true;
      releaseFrames();
    }
  }

  /** Loop: delivers the parts to {@code s} (from its drain or inline), frames while held. */
  void deliverTo(EngineSession s) {
    if (frames == null && !released && taskQueued) {
      holdFrames(s); // a drain scheduled before this broadcast's task: the task releases them
    }
    Object[] held = frames;
    for (int i = 0, n = parts.size(); i < n; i++) {
      s.sendShared(parts.get(i), held == null ? null : held[i]);
    }
  }

  /** Loop: makes each part's shared form once, through the channel of {@code s}. */
  private void holdFrames(EngineSession s) {
    if (recipients < 2) {
      return; // one recipient: writing the message costs less than a shared copy
    }
    MessageChannel channel = s.sharedChannel();
    Object first = channel == null ? null : channel.holdShared(parts.get(0));
    if (first == null) {
      return; // not a WebSocket that shares forms
    }
    Object[] held = new Object[parts.size()];
    held[0] = first;
    for (int i = 1; i < held.length; i++) {
      held[i] = channel.holdShared(parts.get(i));
    }
    holder = channel;
    frames = held;
  }

  private void releaseFrames() {
    Object[] held = frames;
    if (held != null) {
      frames = null;
      MessageChannel channel = holder;
      holder = null;
      for (Object h : held) {
        if (h != null) {
          channel.releaseShared(h);
        }
      }
    }
  }
}
