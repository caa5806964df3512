package dev.sio.server.internal;

import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the connection path once per JVM before a server's first {@code start()}: a private server
 * with the default options (its own event loop, on an ephemeral port of {@code 127.0.0.1}, no
 * handlers, no adapter but the in-memory one) takes a bounded number of WebSocket connections from
 * a blocking client on the calling thread; each upgrades, receives the Engine.IO open packet, joins
 * {@code "/"} and closes. Then, for a bounded time, it waits for the JIT compiler to finish what
 * those connections queued.
 *
 * <p>Why: a fresh JVM meets its first connections with cold code (class loading, the interpreter,
 * then the C1 and C2 compilers competing with the event loop for the same cores); after a restart
 * all clients reconnect at once, so those costs land on the storm. Here they are paid before the
 * port opens. Nothing of the user's server runs (no middleware, no handler, no adapter, no port but
 * the private loopback one), and the warm-up never fails a start: any error ends it quietly.
 *
 * <p>Bounds: {@code connections} (a count), {@link #CPU_BUDGET_NANOS} of the process's CPU and
 * {@link #WALL_BUDGET_NANOS} for the connections (each read waits at most what is left of it),
 * {@link #JIT_WAIT_NANOS} for the compiler, {@link #BATCH} sockets at a time.
 */
public final class ConnectionWarmup {
  private static final Logger log = LoggerFactory.getLogger(ConnectionWarmup.class);

  /** The most CPU time (all threads of the process) the connections may take. */
  static final long CPU_BUDGET_NANOS = 2_000_000_000L;

  /** The most wall time the connections may take (a busy machine reaches it first). */
  static final long WALL_BUDGET_NANOS = 4_000_000_000L;

  /** The most wall time spent waiting for the compiler queue to drain afterwards. */
  static final long JIT_WAIT_NANOS = 1_000_000_000L;

  /** The shortest read timeout; otherwise a read may wait until the wall budget ends. */
  static final int MIN_READ_TIMEOUT_MILLIS = 100;

  /**
   * The most connections opened side by side (their sockets are the warm-up's only resource); the
   * first batch is one connection, each next five times the last.
   */
  static final int BATCH = 50;

  // Any thread: set by the first start() that warms up.
  private static final AtomicBoolean DONE = new AtomicBoolean();

  // A client's masked frames (mask 0): "40" (Socket.IO CONNECT to "/"), a close with code 1000.
  private static final byte[] CONNECT_FRAME = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', '0'};
  private static final byte[] CLOSE_FRAME = {
    (byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xe8
  };

  private ConnectionWarmup() {}

  /**
   * Runs the warm-up unless one already ran (or is running) in this JVM or {@code connections} is
   * not positive; returns how many connections completed.
   */
  public static int once(int connections) {
    if (connections <= 0 || !DONE.compareAndSet(false, true)) {
      return 0;
    }
    return run(connections, CPU_BUDGET_NANOS, WALL_BUDGET_NANOS);
  }

  /**
   * Warms up with at most {@code connections} connections, {@code cpuBudgetNanos} of the process's
   * CPU and {@code wallBudgetNanos}, then waits for the compiler; returns how many completed.
   */
  static int run(int connections, long cpuBudgetNanos, long wallBudgetNanos) {
    long start = 0;
    int done = 0;
    SocketIoServer io = null;
    try {
      io =
          SocketIoServer.create(
              ServerOptions.builder()
                  .host("127.0.0.1")
                  .port(0)
                  .serveClient(false)
                  .listener(l -> l.eventLoopThreads(1))
                  .build());
      io.start();
      // the budgets are the connections'; the private server's start is not in them
      start = System.nanoTime();
      long cpuStart = processCpuNanos();
      byte[] request = request(io.port());
      byte[] buffer = new byte[1024];
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), io.port());
      long wallDeadline = start + wallBudgetNanos;
      int batch = 1; // the first connection loads the classes: alone, then batches grow
      while (done < connections
          && wallDeadline - System.nanoTime() > 0
          && processCpuNanos() - cpuStart < cpuBudgetNanos) {
        batch = Math.min(batch, connections - done);
        connectBatch(address, request, buffer, batch, wallDeadline);
        done += batch;
        batch = Math.min(BATCH, batch * 5);
        if (log.isTraceEnabled()) {
          log.trace(
              "warm-up: {} connections, {} ms CPU, {} ms",
              done,
              (processCpuNanos() - cpuStart) / 1_000_000,
              (System.nanoTime() - start) / 1_000_000);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("connection warm-up ended after {} connections", done, e);
    } finally {
      if (io != null) {
        io.close();
      }
    }
    long connected = System.nanoTime();
    waitForCompiler();
    if (log.isDebugEnabled()) {
      log.debug(
          "connection warm-up: {} connections in {} ms, then {} ms for the compiler",
          done,
          start == 0 ? 0 : (connected - start) / 1_000_000,
          (System.nanoTime() - connected) / 1_000_000);
    }
    return done;
  }

  private static byte[] request(int port) {
    return ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: c2lvIHdhcm0tdXAga2V5IQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code count} connections side by side, each step written to all before the answers are read
   * (so one wake-up of the server's loop serves them all): upgrade and open packet, CONNECT and its
   * answer, close and the server's close.
   */
  private static void connectBatch(
      InetSocketAddress address, byte[] request, byte[] buffer, int count, long deadline)
      throws IOException {
    Socket[] sockets = new Socket[count];
    try {
      for (int i = 0; i < count; i++) {
        Socket s = new Socket();
        sockets[i] = s;
        s.setTcpNoDelay(true);
        s.connect(address, readTimeout(deadline));
        s.getOutputStream().write(request);
      }
      for (Socket s : sockets) {
        inTime(s, deadline);
        readHead(s.getInputStream(), buffer);
        expectFrame(s.getInputStream(), buffer, 0x1, '0'); // the open packet
        s.getOutputStream().write(CONNECT_FRAME);
      }
      for (Socket s : sockets) {
        inTime(s, deadline);
        expectFrame(s.getInputStream(), buffer, 0x1, '4'); // the CONNECT answer, 40{"sid":…}
        s.getOutputStream().write(CLOSE_FRAME);
      }
      for (Socket s : sockets) {
        inTime(s, deadline);
        expectFrame(s.getInputStream(), buffer, 0x8, -1);
      }
    } finally {
      for (Socket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  /** Reads the HTTP answer's head and checks it is a 101. */
  private static void readHead(InputStream in, byte[] buffer) throws IOException {
    int n = 0;
    while (n < 4
        || buffer[n - 4] != '\r'
        || buffer[n - 3] != '\n'
        || buffer[n - 2] != '\r'
        || buffer[n - 1] != '\n') {
      if (n == buffer.length) {
        throw new IOException("the upgrade's answer is too long");
      }
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade");
      }
      buffer[n++] = (byte) b;
    }
    if (n < 12 || buffer[9] != '1' || buffer[10] != '0' || buffer[11] != '1') {
      throw new IOException("the upgrade was not answered with 101");
    }
  }

  /**
   * Reads one unmasked frame of {@code opcode} whose payload starts with {@code first} (-1: any).
   */
  private static void expectFrame(InputStream in, byte[] buffer, int opcode, int first)
      throws IOException {
    int b0 = readByte(in);
    int length = readByte(in) & 0x7f;
    if (length == 126) {
      length = (readByte(in) << 8) | readByte(in);
    } else if (length == 127) {
      throw new IOException("an unexpected frame of 64-bit length");
    }
    if ((b0 & 0x0f) != opcode || length > buffer.length) {
      throw new IOException("an unexpected frame: opcode " + (b0 & 0x0f) + ", " + length + " B");
    }
    int n = 0;
    while (n < length) {
      int r = in.read(buffer, n, length - n);
      if (r < 0) {
        throw new IOException("closed inside a frame");
      }
      n += r;
    }
    if (first >= 0 && (length == 0 || buffer[0] != first)) {
      throw new IOException("an unexpected packet");
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("closed before a frame");
    }
    return b;
  }

  /**
   * Lets {@code s}'s next reads wait at most what is left of the wall budget; throws when nothing
   * is left, so that a batch overruns the budget by one read's {@link #MIN_READ_TIMEOUT_MILLIS} at
   * most.
   */
  private static void inTime(Socket s, long deadline) throws IOException {
    if (deadline - System.nanoTime() <= 0) {
      throw new IOException("out of time");
    }
    s.setSoTimeout(readTimeout(deadline));
  }

  /** What is left of the wall budget, as a socket timeout (never 0, which means none). */
  private static int readTimeout(long wallDeadline) {
    long left = (wallDeadline - System.nanoTime()) / 1_000_000;
    return (int) Math.max(MIN_READ_TIMEOUT_MILLIS, Math.min(Integer.MAX_VALUE, left));
  }

  /** The CPU time of the whole process so far, or 0 when the JVM does not tell it. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /**
   * Waits until the JIT compiler's total time stops growing (two quiet polls 50 ms apart), at most
   * {@link #JIT_WAIT_NANOS}; returns at once when the JVM does not report compilation time.
   */
  private static void waitForCompiler() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long deadline = System.nanoTime() + JIT_WAIT_NANOS;
    long last = jit.getTotalCompilationTime();
    int quiet = 0;
    try {
      while (quiet < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        long now = jit.getTotalCompilationTime();
        quiet = now == last ? quiet + 1 : 0;
        last = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
