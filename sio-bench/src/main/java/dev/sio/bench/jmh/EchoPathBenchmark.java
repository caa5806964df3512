package dev.sio.bench.jmh;

import dev.sio.bench.SioFixture;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Socket.IO server's share of one acknowledged echo, without sockets: the bench fixture's
 * {@code echo} handler ({@link SioFixture#install}) on a detached server, fed the text message
 * {@code 21["echo","<32 x>"]} as a WebSocket session would feed it, its answer written as UTF-8
 * into a reused buffer (what the engine does for a frame). {@code path=bytes} is the WebSocket fast
 * path (the frame's bytes in, {@link EngineSocket#sendNow} out); {@code path=string} the general
 * one (a {@code String} in, {@link EngineSocket#send(String)} out). Run with {@code -prof gc} for
 * the bytes allocated per echo ({@code gc.alloc.rate.norm}):
 *
 * <pre>
 * java -cp sio-bench/target/classes:sio-bench/target/bench-lib/* org.openjdk.jmh.Main \
 *     EchoPathBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EchoPathBenchmark {
  /** {@code bytes}: the WebSocket fast path; {@code string}: String in and out. */
  @Param({"bytes", "string"})
  public String path;

  private SocketIoServer server;
  private EngineHandler handler;
  private BenchSocket socket;
  private byte[] frame;
  private String text;

  /** A detached server with the fixture's handlers and one connected client. */
  @Setup(Level.Trial)
  public void setUp() {
    server = SocketIoServer.detached(ServerOptions.builder().build());
    SioFixture.install(server);
    handler = server.engineHandler();
    socket = new BenchSocket(path.equals("bytes"));
    handler.onOpen(socket);
    handler.onMessage(socket, "0"); // CONNECT to "/"
    if (socket.sent == 0) {
      throw new IllegalStateException("no CONNECT answer");
    }
    text = "21[\"echo\",\"" + "x".repeat(32) + "\"]";
    frame = ("4" + text).getBytes(StandardCharsets.UTF_8); // as in the frame: Engine.IO type first
  }

  /** Closes the session and the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    handler.onClose(socket, "transport close", null);
    server.close();
  }

  /** {@return one event in, its acknowledgement out} */
  @Benchmark
  public int echo() {
    if (socket.fastPath) {
      handler.onMessage(socket, frame, 1, frame.length - 1);
    } else {
      handler.onMessage(socket, text);
    }
    return socket.out.writerIndex();
  }

  /** The session: on its own loop (this thread), writing what is sent into a reused buffer. */
  private static final class BenchSocket implements EngineSocket {
    final boolean fastPath;
    final ByteBuf out = Unpooled.buffer(256);
    final BenchLoop loop = new BenchLoop();
    long sent; // this thread

    BenchSocket(boolean fastPath) {
      this.fastPath = fastPath;
    }

    @Override
    public String id() {
      return "bench-session-id-0001";
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
      return true;
    }

    @Override
    public boolean sendNow(CharSequence text) {
      if (!fastPath) {
        return false;
      }
      write(text);
      return true;
    }

    @Override
    public void send(String text) {
      write(text);
    }

    private void write(CharSequence text) {
      out.clear();
      out.writeByte('4');
      ByteBufUtil.writeUtf8(out, text);
      sent++;
    }

    @Override
    public void send(byte[] data) {
      sent++;
    }

    @Override
    public void send(EngineMessage message) {
      sent++;
    }

    @Override
    public void close() {}

    @Override
    public Executor executor() {
      return loop;
    }
  }

  /**
   * An event loop that is whichever thread calls it, and the session's executor as the engine's
   * loops are: tasks run at once, timers never fire.
   */
  private static final class BenchLoop extends AbstractScheduledEventExecutor
      implements SessionExecutor {
    private Object engineState; // the calling thread

    @Override
    public boolean inEventLoop(Thread thread) {
      return true;
    }

    @Override
    public boolean inExecutor() {
      return true;
    }

    @Override
    public Object engineState() {
      return engineState;
    }

    @Override
    public void engineState(Object state) {
      engineState = state;
    }

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public boolean isShuttingDown() {
      return false;
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
      return terminationFuture();
    }

    @Override
    public Future<?> terminationFuture() {
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    @Override
    @Deprecated
    public void shutdown() {}

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
