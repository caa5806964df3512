package dev.sio.engine.internal;

/**
 * The heartbeat's read check: a marker follows each ping and each accepted pong, and a pong counts
 * only when the last marker has left for the socket, or nothing waits at all. A client that sends
 * pongs without reading what it is sent never passes, and ends with {@code "ping timeout"}. Over
 * polling the marker passes when the write buffer before it is answered by a GET; over WebSocket
 * when an empty buffer written behind it completes.
 *
 * <p>A pong that comes before the marker has left is held, not dropped: it counts when the marker
 * leaves. A binding that learns of its writes' completion asynchronously (a Servlet container calls
 * back on one of its threads) can see the client's pong before the completion of the ping it
 * answers. A client that does not read still never passes, and its held pong never counts. Session
 * loop only.
 */
final class ReadCheck {
  private final Runnable heldPongCounts;
  private int seq; // session loop: the last marker placed
  private boolean passed = true; // session loop: the last marker has left
  private boolean inBuffer; // session loop: the marker waits for the write buffer's flush
  private boolean pongHeld; // session loop: a pong came before the last marker left

  /** A check that runs {@code heldPongCounts} when a held pong counts (the marker left). */
  ReadCheck(Runnable heldPongCounts) {
    this.heldPongCounts = heldPongCounts;
  }

  /** Places a marker behind what is queued now ({@code bufferEmpty}: the write buffer's state). */
  void place(boolean bufferEmpty, EngineTransport transport) {
    seq++;
    passed = false;
    pongHeld = false; // a pong held until now came before what this marker follows
    if (!bufferEmpty) {
      inBuffer = true; // placed on the transport when the buffer is flushed
      return;
    }
    afterTransport(transport);
  }

  /** The write buffer was handed to {@code transport}. */
  void flushed(EngineTransport transport) {
    if (inBuffer) {
      inBuffer = false;
      afterTransport(transport);
    }
  }

  private void afterTransport(EngineTransport transport) {
    if (transport instanceof WebSocketTransport ws) {
      int mine = seq;
      ws.whenWritten(
          () -> {
            if (seq == mine) {
              pass();
            }
          });
    } else {
      pass(); // polling: what was queued before it has been answered
    }
  }

  private void pass() {
    passed = true;
    if (pongHeld) {
      pongHeld = false;
      heldPongCounts.run();
    }
  }

  /** A pong came before the last marker left ({@link #passed} was false): it waits for it. */
  void holdPong() {
    pongHeld = true;
  }

  /** True when the client has read everything up to the last marker, or nothing waits. */
  boolean passed(boolean bufferEmpty, EngineTransport transport) {
    return passed || (bufferEmpty && transport.pendingBytes() == 0);
  }
}
