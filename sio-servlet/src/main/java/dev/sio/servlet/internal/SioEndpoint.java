package dev.sio.servlet.internal;

import dev.sio.engine.internal.Utf8;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Engine.IO WebSocket in a Jakarta container: the endpoint the {@link EngineConfigurator} hands
 * out for one accepted upgrade. It registers {@code Partial} handlers (the containers keep their
 * small default buffers: S0 found 2 MB per Tomcat session with a 1 MB limit), joins the parts,
 * counts UTF-8 bytes against {@code maxHttpBufferSize} and closes with 1009 past it, then hands
 * each whole message to the session's loop.
 *
 * <p>Threads: the container calls {@code onOpen}, the handlers, {@code onClose} and {@code onError}
 * on its threads, one at a time per session. Everything the session sees runs on its {@link
 * ServletLoop}: {@link EnginePort#openWebSocket}, then every inbound call, in arrival order.
 * Jakarta cannot pause reading, so a container thread whose session has more than {@code
 * inboundBacklogBytes} waiting on the loop waits (at most {@code pingTimeout}), which stops the
 * container reading that socket; past the wait the connection closes with a transport error.
 */
public final class SioEndpoint extends Endpoint {
  /** A message that came before the session took the channel's messages. */
  private record Held(Object message, long size) {}

  private final EnginePort port;
  private final UpgradeVerdict verdict;
  private final ServletCloser closer;
  private final long highWaterMark;
  private final long lowWaterMark;
  private final long backlogLimit;
  private final int maxMessage;

  private Session session; // container: set in onOpen
  private ServletLoop owner; // set in onOpen
  private JakartaChannel channel; // set in onOpen
  private final StringBuilder text = new StringBuilder(); // container: parts of a text message
  private long textBytes; // container: its UTF-8 size so far
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream(0); // container
  private boolean failed; // container: a message was too big; later parts are dropped
  private final AtomicLong backlog = new AtomicLong(); // any: bytes handed to the loop, not run
  private final Object backlogLock = new Object(); // a container thread waits on it

  private WebSocketInbound inbound; // owner: set once openWebSocket returned
  private boolean reading; // owner: the session takes messages (startReading)
  private boolean ended; // owner: onClose came
  private final ArrayDeque<Held> held = new ArrayDeque<>(); // owner: messages before reading
  private final List<Runnable> onEnd = new ArrayList<>(1); // owner: run at the end

  SioEndpoint(
      EnginePort port,
      UpgradeVerdict verdict,
      ServletCloser closer,
      long highWaterMark,
      long lowWaterMark,
      long backlogLimit) {
    this.port = port;
    this.verdict = verdict;
    this.closer = closer;
    this.highWaterMark = highWaterMark;
    this.lowWaterMark = lowWaterMark;
    this.backlogLimit = backlogLimit;
    this.maxMessage = port.options().maxHttpBufferSize();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    this.session = session;
    session.setMaxIdleTimeout(0); // Jetty: 30 s by default; the Engine.IO heartbeat watches it
    long closeTimeout = port.options().closeTimeoutMillis();
    session
        .getUserProperties()
        .put(
            JakartaChannel.TOMCAT_BLOCKING_SEND_TIMEOUT,
            Math.min(closeTimeout, JakartaChannel.BLOCKING_SEND_MILLIS));
    session.getUserProperties().put(JakartaChannel.TOMCAT_SESSION_CLOSE_TIMEOUT, closeTimeout);
    if (verdict.closeAfterHandshake()) {
      // Node closes a second WebSocket of a session at once; Jakarta cannot send a close frame
      // without a code, so it gets 1000
      closer.run(() -> closeQuietly(CloseReason.CloseCodes.NORMAL_CLOSURE));
      return;
    }
    owner = (ServletLoop) verdict.owner();
    channel =
        new JakartaChannel(session, owner, this, closer, closeTimeout, highWaterMark, lowWaterMark);
    session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onTextPart);
    session.addMessageHandler(byte[].class, (MessageHandler.Partial<byte[]>) this::onBinaryPart);
    owner.execute(this::open);
  }

  /** On the owner: the session takes the channel (a new session, or the start of an upgrade). */
  private void open() {
    WebSocketInbound in = port.openWebSocket(verdict, channel);
    if (in == null) { // the endpoint closed since its verdict
      channel.close(CloseReason.CloseCodes.GOING_AWAY.getCode());
      return;
    }
    inbound = in;
    channel.inbound(in);
    if (ended) {
      in.onClosed();
      return;
    }
    drain();
  }

  /** On the owner, from {@link JakartaChannel#startReading()}. */
  void startReading() {
    reading = true;
    drain();
  }

  /** On the owner: {@code task} runs when the connection ends (at once if it has). */
  void onEnd(Runnable task) {
    if (ended) {
      task.run();
    } else {
      onEnd.add(task);
    }
  }

  private void drain() {
    if (inbound == null || !reading) {
      return;
    }
    Held h;
    while (!ended && (h = held.poll()) != null) {
      ran(h.size());
      deliver(h.message());
    }
  }

  // ---- in (container threads) ----

  private void onTextPart(String part, boolean last) {
    if (failed) {
      return;
    }
    textBytes += Utf8.length(part);
    if (maxMessage > 0 && textBytes > maxMessage) {
      tooBig();
      return;
    }
    String whole;
    if (last && text.length() == 0) {
      whole = part; // one part: no copy
    } else {
      text.append(part);
      if (!last) {
        return;
      }
      whole = text.toString();
      text.setLength(0);
      if (text.capacity() > 8192) {
        text.trimToSize();
      }
    }
    long size = textBytes;
    textBytes = 0;
    handOff(whole, size);
  }

  private void onBinaryPart(byte[] part, boolean last) {
    if (failed) {
      return;
    }
    if (maxMessage > 0 && (long) binary.size() + part.length > maxMessage) {
      tooBig();
      return;
    }
    byte[] whole;
    if (last && binary.size() == 0) {
      whole = part;
    } else {
      binary.write(part, 0, part.length);
      if (!last) {
        return;
      }
      whole = binary.toByteArray();
      binary.reset();
    }
    handOff(whole, whole.length);
  }

  /** A message over {@code maxHttpBufferSize}: 1009, as ws; the session ends (transport error). */
  private void tooBig() {
    failed = true;
    text.setLength(0);
    binary.reset();
    closer.run(() -> closeQuietly(CloseReason.CloseCodes.TOO_BIG));
    owner.execute(
        () -> {
          if (inbound != null && !ended) {
            inbound.onProtocolError("Max payload size exceeded");
          }
        });
  }

  /**
   * Hands a whole message to the owner; waits while the session's backlog is over its limit, at
   * most {@code pingTimeout}, then gives up on the connection.
   */
  private void handOff(Object message, long size) {
    backlog.addAndGet(size);
    owner.execute(
        () -> {
          if (ended) {
            return;
          }
          if (inbound == null || !reading || !held.isEmpty()) {
            held.add(new Held(message, size)); // counts against the backlog until delivered
            return;
          }
          ran(size);
          deliver(message);
        });
    if (backlog.get() > backlogLimit && !awaitBacklog()) {
      failed = true;
      closer.run(() -> closeQuietly(CloseReason.CloseCodes.VIOLATED_POLICY));
      owner.execute(
          () -> {
            if (inbound != null && !ended) {
              inbound.onProtocolError("inbound backlog over " + backlogLimit + " bytes");
            }
          });
    }
  }

  private void deliver(Object m) {
    if (m instanceof String s) {
      inbound.onText(s);
    } else {
      inbound.onBinary((byte[]) m);
    }
  }

  private void ran(long size) {
    if (backlog.addAndGet(-size) <= backlogLimit) {
      synchronized (backlogLock) {
        backlogLock.notifyAll();
      }
    }
  }

  /** {@return true once the backlog is back under the limit; false after pingTimeout} */
  private boolean awaitBacklog() {
    long deadline =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(port.options().pingTimeoutMillis());
    synchronized (backlogLock) {
      while (backlog.get() > backlogLimit) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !session.isOpen()) {
          return backlog.get() <= backlogLimit;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(backlogLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    end();
  }

  @Override
  public void onError(Session session, Throwable error) {
    if (owner == null) {
      return;
    }
    String description = error.getMessage() == null ? error.toString() : error.getMessage();
    owner.execute(
        () -> {
          if (inbound != null && !ended) {
            inbound.onProtocolError(description);
          }
        });
  }

  private void end() {
    if (channel != null) {
      channel.ended();
    }
    synchronized (backlogLock) {
      backlogLock.notifyAll();
    }
    if (owner == null) {
      return;
    }
    owner.execute(
        () -> {
          if (ended) {
            return;
          }
          ended = true;
          held.clear();
          for (Runnable r : onEnd) {
            r.run();
          }
          onEnd.clear();
          if (inbound != null) {
            inbound.onClosed();
          }
        });
  }

  private void closeQuietly(CloseReason.CloseCodes code) {
    try {
      JakartaChannel.close(session, code, port.options().closeTimeoutMillis());
    } catch (IOException | RuntimeException e) {
      // already gone
    }
  }
}
