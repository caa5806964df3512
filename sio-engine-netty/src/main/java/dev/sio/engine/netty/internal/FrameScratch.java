package dev.sio.engine.netty.internal;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * One reused byte array per event loop thread, into which {@link WebSocketFrameHandler} copies the
 * bytes of a text frame whose buffer has no array, for {@link
 * dev.sio.engine.spi.WebSocketInbound#onText(byte[], int, int)} (and from there {@link
 * dev.sio.engine.EngineHandler#onMessage(dev.sio.engine.EngineSocket, byte[], int, int)}): no array
 * per message. Part of the Netty binding. Bounded: messages over {@link #MAX_BYTES} get an array of
 * their own, and a nested use on the same thread (a handler that feeds another session
 * synchronously) too.
 */
final class FrameScratch {
  /** The largest message copied into the scratch array; the array never grows past it. */
  static final int MAX_BYTES = 64 * 1024;

  private static final FastThreadLocal<FrameScratch> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected FrameScratch initialValue() {
          return new FrameScratch();
        }
      };

  byte[] bytes = new byte[256]; // the owning thread; grows up to MAX_BYTES
  private boolean busy; // the owning thread: claimed and not yet released

  private FrameScratch() {}

  /** This thread's scratch with room for {@code length} bytes, or null (too long, or in use). */
  static FrameScratch claim(int length) {
    if (length > MAX_BYTES) {
      return null;
    }
    FrameScratch s = SCRATCH.get();
    if (s.busy) {
      return null;
    }
    if (s.bytes.length < length) {
      s.bytes = new byte[Math.min(MAX_BYTES, Math.max(length, s.bytes.length * 2))];
    }
    s.busy = true;
    return s;
  }

  /** Gives the array back for the next message of this thread. */
  void release() {
    busy = false;
  }
}
