package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.spi.MessageChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link MessageChannel} that is not Netty's, for the session-core tests: it records what the
 * session layer does with it. Its writes complete at once, or, once {@link #holdWrites} was called,
 * only when the test calls {@link #completeWrites} (a binding that learns of a write's end later,
 * as a Servlet container's callback does). Its {@code whenWritten} tasks run on the caller's
 * thread; {@link #completeWrites} must be called on the session's loop.
 */
final class TestChannel implements MessageChannel {
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Runnable> whenWritten = new ArrayList<>(); // loop
  private boolean holding; // loop
  private long pending; // loop: bytes written and not completed while holding

  /** From now on writes wait for {@link #completeWrites} (on the loop). */
  void holdWrites() {
    holding = true;
  }

  /** Completes what was written: the pending bytes are gone and the waiting tasks run (loop). */
  void completeWrites() {
    pending = 0;
    List<Runnable> tasks = new ArrayList<>(whenWritten);
    whenWritten.clear();
    tasks.forEach(Runnable::run);
  }

  /** The text frames written so far, in order. */
  List<String> texts() {
    synchronized (calls) {
      return calls.stream().filter(c -> c.startsWith("text ")).map(c -> c.substring(5)).toList();
    }
  }

  private void wrote(int bytes) {
    if (holding) {
      pending += bytes;
    }
  }

  @Override
  public void writeText(char type, CharSequence data) {
    String d = data == null ? "" : data.toString();
    calls.add("text " + type + d);
    wrote(1 + d.length());
  }

  @Override
  public void writeBinary(byte[] data) {
    calls.add("binary");
    wrote(data.length);
  }

  @Override
  public void writeMessage(EngineMessage message) {
    calls.add("message");
    wrote(1);
  }

  @Override
  public void flush() {
    calls.add("flush");
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public long pendingBytes() {
    return pending;
  }

  @Override
  public void whenWritten(Runnable task) {
    calls.add("whenWritten");
    if (holding && pending > 0) {
      whenWritten.add(task);
    } else {
      task.run();
    }
  }

  @Override
  public void close(int code) {
    calls.add("close " + code);
  }

  @Override
  public void abort() {
    calls.add("abort");
  }

  @Override
  public void startReading() {
    calls.add("startReading");
  }
}
