package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records every {@link EngineHandler} call as a line ({@code open}, {@code message hi}, {@code
 * binary 3}, {@code close ping timeout}) per session; tests take the lines they expect and check
 * that nothing else arrived. Optionally echoes messages.
 */
final class RecordingHandler implements EngineHandler {
  /** One recorded call. */
  record Event(EngineSocket socket, String line, Thread thread) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
  private final boolean echo;
  volatile Consumer<EngineSocket> onOpen = s -> {};

  RecordingHandler(boolean echo) {
    this.echo = echo;
  }

  @Override
  public void onOpen(EngineSocket socket) {
    sockets.put(socket.id(), socket);
    events.add(new Event(socket, "open", Thread.currentThread()));
    onOpen.accept(socket);
  }

  @Override
  public void onMessage(EngineSocket socket, String text) {
    events.add(new Event(socket, "message " + text, Thread.currentThread()));
    if (echo) {
      socket.send(text);
    }
  }

  @Override
  public void onBinary(EngineSocket socket, byte[] data) {
    events.add(new Event(socket, "binary " + data.length, Thread.currentThread()));
    if (echo) {
      socket.send(data);
    }
  }

  @Override
  public void onClose(EngineSocket socket, String reason, String description) {
    events.add(new Event(socket, "close " + reason, Thread.currentThread()));
  }

  /** The socket with {@code sid}, once opened. */
  EngineSocket socket(String sid) {
    return sockets.get(sid);
  }

  /** The next event, waiting up to 5 s. */
  Event next() throws InterruptedException {
    Event e = events.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("an EngineHandler call within 5 s").isNotNull();
    return e;
  }

  /** The next event within {@code millis}, or {@code null}. */
  Event nextOrNull(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Takes the next event and checks its session and line. */
  Event expect(String sid, String line) throws InterruptedException {
    Event e = next();
    assertThat(e.socket().id() + " " + e.line()).isEqualTo(sid + " " + line);
    return e;
  }

  /** Takes the next event and checks its line; returns its session id. */
  String expectAny(String line) throws InterruptedException {
    Event e = next();
    assertThat(e.line()).isEqualTo(line);
    return e.socket().id();
  }

  /** Checks that no event arrives within {@code millis}. */
  void expectNothing(long millis) throws InterruptedException {
    Event e = events.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(e == null ? null : e.socket().id() + " " + e.line()).isNull();
  }
}
