package dev.sio.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node script from {@code src/test/js}, run as a child process that speaks JSON lines.
 *
 * <p>The script prints one JSON object per line on stdout, each with an {@code "event"} field (see
 * {@code lib/io.js}); {@link #await} waits for the first such line that matches and takes it off
 * the queue, leaving the others for later waits. {@link #send} writes one JSON command line to the
 * script's stdin. Stderr and stdout lines that are not JSON are kept for failure messages. {@link
 * #close} closes stdin, then kills the script and every process it started.
 *
 * <pre>{@code
 * try (var server = NodeScript.start("reference-server.js")) {
 *   int port = server.await("listening", Duration.ofSeconds(10)).get("port").asInt();
 * }
 * }</pre>
 */
public final class NodeScript implements AutoCloseable {
  /** The JSON mapper the harness uses; tests may use it to build commands. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final int LOG_LIMIT = 64 * 1024;

  private final String name;
  private final Process process;
  private final OutputStream stdin;
  private final Object lock = new Object();
  // Guarded by lock: lines not yet taken by await, in arrival order (written by the stdout reader).
  private final List<JsonNode> pending = new ArrayList<>();
  // Guarded by lock: every JSON line received (written by the stdout reader).
  private final List<JsonNode> received = new ArrayList<>();
  // Guarded by lock: stderr and non-JSON stdout, bounded (written by both reader threads).
  private final StringBuilder log = new StringBuilder();
  // Guarded by lock: true once stdout reached its end (written by the stdout reader).
  private boolean stdoutClosed;

  private NodeScript(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = process.getOutputStream();
    reader("stdout", process.getInputStream(), this::onStdout).start();
    reader("stderr", process.getErrorStream(), line -> appendLog(line)).start();
  }

  /** Starts {@code node <script> <args…>} in {@code src/test/js}. */
  public static NodeScript start(String script, String... args) {
    return start(script, Map.of(), List.of(args));
  }

  /**
   * Starts {@code node <script> <args…>} in {@code src/test/js} with extra environment variables.
   */
  public static NodeScript start(String script, Map<String, String> env, List<String> args) {
    Path dir = jsDir();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      throw new IllegalStateException(
          "the npm packages are not installed in "
              + dir
              + ": run ./sio test (or npm ci in that folder)");
    }
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    try {
      return new NodeScript(script, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + script, e);
    }
  }

  /** The folder of the npm project and its scripts ({@code sio-interop/src/test/js}). */
  public static Path jsDir() {
    String configured = System.getProperty("sio.js.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("basedir", ".")).resolve("src/test/js").toAbsolutePath();
  }

  /** The folder where tests keep screenshots and logs ({@code target/test-artifacts}). */
  public static Path artifactsDir() {
    String configured = System.getProperty("sio.artifacts.dir");
    Path dir =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("basedir", ".")).resolve("target/test-artifacts");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the first unread line whose {@code "event"} is {@code event}, and takes it. */
  public JsonNode await(String event, Duration timeout) {
    return await(
        "a line with \"event\":\"" + event + "\"",
        line -> event.equals(line.path("event").asText()),
        timeout);
  }

  /** Waits for the first unread line that matches {@code predicate}, and takes it. */
  public JsonNode await(Predicate<JsonNode> predicate, Duration timeout) {
    return await("a line matching the predicate", predicate, timeout);
  }

  /**
   * Waits for the first unread line that matches {@code predicate}, and takes it.
   *
   * @param what what the predicate looks for, for the failure message
   * @throws AssertionError when no line matches in time or the script ends first; the message holds
   *     the lines received, the script's stderr and its exit code
   */
  public JsonNode await(String what, Predicate<JsonNode> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean ended;
    synchronized (lock) {
      while (true) {
        for (Iterator<JsonNode> it = pending.iterator(); it.hasNext(); ) {
          JsonNode line = it.next();
          if (predicate.test(line)) {
            it.remove();
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (stdoutClosed || left <= 0) {
          ended = stdoutClosed;
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + what, e);
        }
      }
    }
    if (ended) {
      try {
        process.waitFor(1, TimeUnit.SECONDS); // so that the message can hold the exit code
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError(
        "node "
            + name
            + ": "
            + (ended ? "the script ended" : "waited " + timeout)
            + " without "
            + what
            + describe());
  }

  /** Writes {@code command} as one JSON line to the script's stdin. */
  public void send(Object command) {
    try {
      byte[] line = (JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (stdin) {
        stdin.write(line);
        stdin.flush();
      }
    } catch (IOException e) {
      throw new AssertionError("node " + name + ": cannot write to its stdin" + describe(), e);
    }
  }

  /** A new JSON object with {@code "cmd": cmd}, to fill and {@link #send}. */
  public static ObjectNode command(String cmd) {
    return JSON.createObjectNode().put("cmd", cmd);
  }

  /** Every JSON line received so far, taken or not. */
  public List<JsonNode> received() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  /** The unread lines, in arrival order. */
  public List<JsonNode> pending() {
    synchronized (lock) {
      return List.copyOf(pending);
    }
  }

  /** The script's stderr and non-JSON stdout so far (the last 64 KiB). */
  public String log() {
    synchronized (lock) {
      return log.toString();
    }
  }

  /** Waits for the script to exit and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("node " + name + " still runs after " + timeout + describe());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** The process id of node. */
  public long pid() {
    return process.pid();
  }

  /** Closes stdin (the script's cue to finish), then kills the script and its children. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the script is gone already
    }
    try {
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.addAll(process.descendants().toList());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  private String describe() {
    StringBuilder s = new StringBuilder();
    s.append("\n  exit: ")
        .append(process.isAlive() ? "still running" : "exited with " + process.exitValue());
    synchronized (lock) {
      s.append("\n  lines received (").append(received.size()).append("):");
      int from = Math.max(0, received.size() - 40);
      for (JsonNode line : received.subList(from, received.size())) {
        s.append("\n    ").append(line);
      }
      s.append("\n  stderr and other output:\n").append(log.isEmpty() ? "    (none)" : log);
    }
    return s.toString();
  }

  private void onStdout(String line) {
    JsonNode node = null;
    if (line.startsWith("{")) {
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        node = null;
      }
    }
    if (node == null) {
      appendLog("stdout: " + line);
      return;
    }
    synchronized (lock) {
      received.add(node);
      pending.add(node);
      lock.notifyAll();
    }
  }

  private void appendLog(String line) {
    synchronized (lock) {
      log.append(line).append('\n');
      if (log.length() > LOG_LIMIT) {
        log.delete(0, log.length() - LOG_LIMIT);
      }
    }
  }

  private Thread reader(String stream, InputStream in, java.util.function.Consumer<String> sink) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                appendLog("(" + stream + " read failed: " + e + ")");
              } finally {
                if (stream.equals("stdout")) {
                  synchronized (lock) {
                    stdoutClosed = true;
                    lock.notifyAll();
                  }
                }
              }
            },
            "node-" + name + "-" + stream);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public String toString() {
    return "NodeScript[" + name + ", pid " + process.pid() + "]";
  }
}
