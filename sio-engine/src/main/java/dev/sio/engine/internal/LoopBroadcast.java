package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broadcast's recipients on one event loop, and that loop's one task for it.
 *
 * <p>Handed over by another thread, it is put in each recipient's inbox (the same object for all of
 * them: no allocation per recipient), and the loop's task drains the sessions whose drain it
 * claimed; a session whose drain was already scheduled takes it from that drain. While the task
 * runs, each part's finished WebSocket frame is held in one pooled buffer, copied once per loop
 * from the message's {@link WireForms}, and every connection writes a retained duplicate of it
 * (recycled by Netty: nothing allocated per recipient); the buffers are released when the task
 * ends, and a session that delivers the broadcast outside the task writes the message's shared
 * frame instead.
 *
 * <p>The recipient list is written by the building thread before the hand-over; everything else
 * belongs to the loop.
 */
final class LoopBroadcast {
  private static final Logger log = LoggerFactory.getLogger(LoopBroadcast.class);

  final EventLoop loop;
  private final List<EngineMessage> parts;
  private EngineSession[] sessions = new EngineSession[8];
  private int count;
  private ByteBuf[] frames; // loop: one pooled frame per part while the task runs, else null

  LoopBroadcast(EventLoop loop, List<EngineMessage> parts) {
    this.loop = loop;
    this.parts = parts;
  }

  /** Building thread: a recipient owned by {@link #loop}. */
  void add(EngineSession s) {
    if (count == sessions.length) {
      sessions = Arrays.copyOf(sessions, count * 2);
    }
    sessions[count++] = s;
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
    if (mine == 0) {
      return; // every session's drain was already scheduled: they deliver it themselves
    }
    try {
      loop.execute(this::run); // not a Runnable itself: inboxes run the Runnables they hold
    } catch (RejectedExecutionException e) {
      // the loop is shutting down; its sessions are being closed and take nothing more
    }
  }

  /** The loop's task: drains each claimed session; each connection is flushed at the pass's end. */
  private void run() {
    holdFrames();
    try {
      for (int i = 0; i < count; i++) {
        try {
          sessions[i].drainForBroadcast();
        } catch (RuntimeException e) {
          log.warn("broadcast failed for {}", sessions[i], e); // the others still get it
        }
        sessions[i] = null;
      }
    } finally {
      releaseFrames();
    }
  }

  /** The calling thread is {@link #loop}: writes at once, behind anything queued before. */
  void writeInline() {
    holdFrames();
    try {
      for (int i = 0; i < count; i++) {
        try {
          sessions[i].sendForBroadcast(this);
        } catch (RuntimeException e) {
          log.warn("broadcast failed for {}", sessions[i], e);
        }
      }
    } finally {
      releaseFrames();
    }
  }

  /** Loop: delivers the parts to {@code s} (from its drain or inline), frames while held. */
  void deliverTo(EngineSession s) {
    ByteBuf[] held = frames;
    for (int i = 0, n = parts.size(); i < n; i++) {
      s.sendShared(parts.get(i), held == null ? null : held[i]);
    }
  }

  private void holdFrames() {
    if (count < 2) {
      return; // one recipient: its duplicate of the message's frame costs less than a copy
    }
    ByteBufAllocator alloc = null;
    for (int i = 0; i < count && alloc == null; i++) {
      alloc = sessions[i].allocatorForFrames();
    }
    if (alloc == null) {
      return; // no WebSocket that takes finished frames: nothing to hold
    }
    ByteBuf[] held = new ByteBuf[parts.size()];
    for (int i = 0; i < held.length; i++) {
      held[i] = WireForms.of(parts.get(i)).copyFrame(alloc);
    }
    frames = held;
  }

  private void releaseFrames() {
    ByteBuf[] held = frames;
    if (held != null) {
      frames = null;
      for (ByteBuf b : held) {
        b.release();
      }
    }
  }
}
