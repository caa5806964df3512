package dev.sio.bench.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixture server in a fresh child process: started, awaited until it prints {@code fixture ready
 * port=… pid=… impl=… version=…}, its output copied to a log file, and stopped by closing its stdin
 * (the fixtures exit then) and, if need be, by killing it.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("(?:fixture|stats) ready port=(\\d+) pid=(\\d+) impl=(\\S+) version=(\\S+)");

  private final Process process;
  private final int port;
  private final long pid;
  private final String impl;
  private final String version;

  private ServerProcess(Process process, Matcher ready) {
    this.process = process;
    this.port = Integer.parseInt(ready.group(1));
    this.pid = Long.parseLong(ready.group(2));
    this.impl = ready.group(3);
    this.version = ready.group(4);
  }

  /**
   * Starts {@code command} in {@code dir}, copying its output to {@code log}, and waits (at most 60
   * s) for its ready line.
   */
  public static ServerProcess start(List<String> command, Path dir, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                String line;
                while ((line = in.readLine()) != null) {
                  out.println(line);
                  out.flush();
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    ready.complete(m);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IOException("the server exited before it was ready"));
            },
            "server-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ServerProcess(p, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException(
          "server " + command + " did not get ready (see " + log + "): " + e.getMessage(), e);
    }
  }

  /** The command line of the Node.js fixture, optionally pinned with {@code taskset}. */
  public static List<String> nodeCommand(String cpus) {
    List<String> cmd = new ArrayList<>(pin(cpus));
    cmd.addAll(List.of("node", "--expose-gc", "fixture.js", "--port", "0"));
    return cmd;
  }

  /** The command line of the Sio fixture in a fresh JVM, optionally pinned. */
  public static List<String> sioCommand(String cpus, String classpath, List<String> jvmOptions) {
    List<String> cmd = new ArrayList<>(pin(cpus));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", classpath, "dev.sio.bench.SioFixture", "--port", "0"));
    return cmd;
  }

  /**
   * The command line of the Servlet binding's fixture ({@code dev.sio.bench.ServletFixture}) in
   * {@code container} ({@code tomcat} or {@code jetty}) in a fresh JVM, optionally pinned; {@code
   * classpath} holds that container's jars and not the other's.
   */
  public static List<String> servletCommand(
      String cpus, String classpath, List<String> jvmOptions, String container) {
    List<String> cmd = new ArrayList<>(pin(cpus));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-cp",
            classpath,
            "dev.sio.bench.ServletFixture",
            "--container",
            container,
            "--port",
            "0"));
    return cmd;
  }

  /** {@code taskset -c <cpus>} or nothing when {@code cpus} is null or empty. */
  public static List<String> pin(String cpus) {
    return cpus == null || cpus.isEmpty() ? List.of() : List.of("taskset", "-c", cpus);
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** Its process id, as it printed it. */
  public long pid() {
    return pid;
  }

  /** Which implementation: {@code node}, {@code sio}, {@code tomcat} or {@code jetty}. */
  public String impl() {
    return impl;
  }

  /** The version it reported. */
  public String version() {
    return version;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
