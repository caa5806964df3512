package dev.sio.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} (or a sentinel) started by a test on its own loopback port, without
 * persistence, in a temporary directory; {@link #kill()} ends it at once (SIGKILL, as a crash),
 * {@link #close()} politely. Every wait is bounded.
 */
public final class RedisProcess implements AutoCloseable {
  private final int port;
  private final List<String> command;
  private final Path dir;
  private Process process; // guarded by this

  private RedisProcess(int port, List<String> command, Path dir) {
    this.port = port;
    this.command = command;
    this.dir = dir;
  }

  /** A free loopback port. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Redis server on {@code port} (not started); {@code extra} are more arguments. */
  public static RedisProcess server(int port, String... extra) {
    Path dir = tempDir("sio-redis-" + port);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
    cmd.addAll(List.of(extra));
    return new RedisProcess(port, cmd, dir);
  }

  /** A replica of the server on {@code masterPort}, on {@code port} (not started). */
  public static RedisProcess replica(int port, int masterPort) {
    return server(port, "--replicaof", "127.0.0.1", Integer.toString(masterPort));
  }

  /**
   * A sentinel on {@code port} watching master {@code name} on {@code masterPort} with a quorum of
   * one, a master declared down after 1 s without answers (not started).
   */
  public static RedisProcess sentinel(int port, String name, int masterPort) {
    Path dir = tempDir("sio-sentinel-" + port);
    Path conf = dir.resolve("sentinel.conf");
    String text =
        String.join(
            "\n",
            "port " + port,
            "bind 127.0.0.1",
            "dir " + dir,
            "sentinel monitor " + name + " 127.0.0.1 " + masterPort + " 1",
            "sentinel down-after-milliseconds " + name + " 1000",
            "sentinel failover-timeout " + name + " 5000",
            "sentinel parallel-syncs " + name + " 1",
            "");
    try {
      Files.writeString(conf, text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new RedisProcess(port, List.of("redis-server", conf.toString(), "--sentinel"), dir);
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:port}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the process and waits (10 s at most) until it answers PING. */
  public synchronized RedisProcess start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(command + " exited; see " + dir.resolve("redis.log"));
      }
      if (command("PING").startsWith("+PONG")) {
        return this;
      }
      sleep(50);
    }
    throw new IllegalStateException(command + " did not answer PING within 10 s");
  }

  /** True while the process runs. */
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Ends the process at once (SIGKILL): its clients see the connection reset, no goodbye. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      if (!waitFor()) {
        process.destroyForcibly();
        waitFor();
      }
    }
  }

  private boolean waitFor() {
    try {
      boolean done = process.waitFor(10, TimeUnit.SECONDS);
      if (done) {
        process = null;
      }
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends one inline command and returns the first line of the answer ({@code ""} when nothing
   * answers within 2 s).
   */
  public String command(String inline) {
    return command(port, inline);
  }

  /** {@link #command(String)} to any Redis on the loopback {@code port}. */
  public static String command(int port, String inline) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      s.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      return readReply(s.getInputStream());
    } catch (IOException e) {
      return "";
    }
  }

  /** Reads one RESP reply as text (bulk strings and arrays flattened, lines joined by \n). */
  private static String readReply(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    readOne(in, out);
    return out.toString();
  }

  private static void readOne(InputStream in, StringBuilder out) throws IOException {
    String line = readLine(in);
    if (line.isEmpty()) {
      return;
    }
    char kind = line.charAt(0);
    if (kind == '$') {
      int n = Integer.parseInt(line.substring(1));
      if (n >= 0) {
        byte[] b = in.readNBytes(n + 2);
        out.append(new String(b, 0, Math.max(0, b.length - 2), StandardCharsets.UTF_8))
            .append('\n');
      }
    } else if (kind == '*') {
      int n = Integer.parseInt(line.substring(1));
      for (int i = 0; i < n; i++) {
        readOne(in, out);
      }
    } else {
      out.append(line).append('\n');
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
