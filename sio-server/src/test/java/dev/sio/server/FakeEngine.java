package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.spi.SessionExecutor;
import io.netty.channel.DefaultEventLoop;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a server's EngineHandler with fake sessions on a real Netty event loop that is, as the
 * engine's loops are, their {@link SessionExecutor} (unit tests).
 */
final class FakeEngine implements AutoCloseable {
  final FakeLoop loop = new FakeLoop();
  final EngineHandler handler;
  private final AtomicInteger ids = new AtomicInteger();

  FakeEngine(EngineHandler handler) {
    this.handler = handler;
  }

  void run(Runnable task) {
    loop.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            e.printStackTrace();
            throw e;
          }
        });
  }

  Session open() {
    Session s = new Session("sid" + ids.incrementAndGet());
    run(() -> handler.onOpen(s));
    return s;
  }

  @Override
  public void close() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A Netty event loop that is a session executor, as the engine's own loops are. */
  static final class FakeLoop extends DefaultEventLoop implements SessionExecutor {
    private Object engineState; // this loop

    @Override
    public boolean inExecutor() {
      return inEventLoop();
    }

    @Override
    public Object engineState() {
      return engineState;
    }

    @Override
    public void engineState(Object state) {
      engineState = state;
    }
  }

  /** One fake Engine.IO session: records what the server sends. */
  final class Session implements EngineSocket {
    final String id;
    final BlockingQueue<Object> sent = new LinkedBlockingQueue<>();
    volatile boolean open = true;
    volatile String closeReason;

    /** The prepared broadcast messages received, as objects (to check they are shared). */
    final List<EngineMessage> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();

    Session(String id) {
      this.id = id;
    }

    /** Receives an Engine.IO message packet written as on the wire ({@code "40"}). */
    void receive(String text) {
      assertThat(text).startsWith("4");
      run(() -> handler.onMessage(this, text.substring(1)));
    }

    void receive(byte[] data) {
      run(() -> handler.onBinary(this, data));
    }

    void drop(String reason) {
      loop.execute(
          () -> {
            if (open) {
              open = false;
              closeReason = reason;
              handler.onClose(this, reason, null);
            }
          });
    }

    /** The next message the server sent: a String, or a byte[]. */
    Object next() throws InterruptedException {
      Object o = sent.poll(2, TimeUnit.SECONDS);
      assertThat(o).as("a message from the server").isNotNull();
      return o;
    }

    String nextText() throws InterruptedException {
      Object o = next();
      assertThat(o).isInstanceOf(String.class);
      return (String) o;
    }

    void expectNothing(long millis) throws InterruptedException {
      Object o = sent.poll(millis, TimeUnit.MILLISECONDS);
      assertThat(o).as("unexpected message").isNull();
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public EngineHandshake handshake() {
      return new EngineHandshake(
          "/socket.io/?EIO=4&transport=websocket",
          Map.of("host", List.of("localhost")),
          Map.of("EIO", List.of("4")),
          new InetSocketAddress("127.0.0.1", 4567),
          false,
          Instant.now());
    }

    @Override
    public String transport() {
      return "websocket";
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void send(String text) {
      if (open) {
        sent.add("4" + text);
      }
    }

    @Override
    public void send(byte[] data) {
      if (open) {
        sent.add(data);
      }
    }

    @Override
    public void send(EngineMessage message) {
      if (open) {
        prepared.add(message);
        sent.add(message.isBinary() ? message.binary() : "4" + message.text());
      }
    }

    @Override
    public void close() {
      drop("forced close");
    }

    @Override
    public Executor executor() {
      return loop;
    }
  }
}
