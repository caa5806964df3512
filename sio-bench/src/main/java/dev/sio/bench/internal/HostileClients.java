package dev.sio.bench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile connections, one after another on each of a few threads, over plain blocking sockets:
 * malformed HTTP, an oversized header, garbage WebSocket frames after a real upgrade, abandoned
 * Engine.IO handshakes, half-sent requests left open, headers trickled a byte at a time. Each
 * attack is bounded (at most 15 s, socket timeouts 5 s) and counted by how it ended: the server
 * answered with an HTTP status, closed the connection, or said nothing until the tool gave up.
 */
public final class HostileClients implements AutoCloseable {
  /** The attacks, in the order they are taken in turn. */
  public enum Attack {
    /** A request line that is no HTTP. */
    MALFORMED_REQUEST,
    /** One 64 KiB header. */
    OVERSIZED_HEADER,
    /** A WebSocket upgrade, then an unmasked frame with a reserved opcode. */
    GARBAGE_FRAME,
    /** A WebSocket upgrade, then random bytes. */
    RANDOM_BYTES,
    /** A long-polling handshake whose session is never used again. */
    ABANDONED_HANDSHAKE,
    /** Half a request line, then silence until the tool gives up (10 s). */
    HALF_REQUEST,
    /** Request headers one byte every 500 ms, for up to 15 s. */
    TRICKLED_HEADERS
  }

  private final InetSocketAddress target;
  private final Thread[] threads;
  private final Map<Attack, AtomicLong> runs = new EnumMap<>(Attack.class); // filled once
  private final AtomicLong answered = new AtomicLong(); // any hostile thread
  private final AtomicLong closedByServer = new AtomicLong(); // any hostile thread
  private final AtomicLong gaveUp = new AtomicLong(); // any hostile thread
  private volatile boolean running = true; // driving thread stops

  /** Starts {@code count} threads attacking {@code target} (a loopback address). */
  public HostileClients(InetSocketAddress target, int count) {
    this.target = target;
    for (Attack a : Attack.values()) {
      runs.put(a, new AtomicLong());
    }
    this.threads = new Thread[count];
    for (int i = 0; i < count; i++) {
      int seed = i;
      threads[i] = new Thread(() -> loop(seed), "soak-hostile-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  /** How many times each attack ran. */
  public Map<Attack, Long> runs() {
    Map<Attack, Long> m = new EnumMap<>(Attack.class);
    runs.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** Attacks the server answered with an HTTP status line. */
  public long answered() {
    return answered.get();
  }

  /** Attacks whose connection the server closed without a status line. */
  public long closedByServer() {
    return closedByServer.get();
  }

  /** Attacks the tool ended itself (the server kept the connection open). */
  public long gaveUp() {
    return gaveUp.get();
  }

  private void loop(int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Attack[] all = Attack.values();
    int next = seed;
    while (running) {
      Attack a = all[next++ % all.length];
      runs.get(a).incrementAndGet();
      try (Socket s = new Socket()) {
        s.connect(target, 5_000);
        s.setSoTimeout(5_000);
        count(run(a, s, random));
      } catch (IOException e) {
        closedByServer.incrementAndGet(); // reset by the server
      }
      sleep(200);
    }
  }

  private enum Outcome {
    ANSWERED,
    CLOSED,
    GAVE_UP
  }

  private void count(Outcome o) {
    switch (o) {
      case ANSWERED -> answered.incrementAndGet();
      case CLOSED -> closedByServer.incrementAndGet();
      case GAVE_UP -> gaveUp.incrementAndGet();
    }
  }

  private Outcome run(Attack a, Socket s, SplittableRandom random) throws IOException {
    OutputStream out = s.getOutputStream();
    String host = "Host: " + target.getAddress().getHostAddress() + ":" + target.getPort() + "\r\n";
    switch (a) {
      case MALFORMED_REQUEST -> {
        out.write("BLAH /socket.io/ HTTP/9.9 extra\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return outcome(s);
      }
      case OVERSIZED_HEADER -> {
        out.write(
            ("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n" + host + "X-Big: ")
                .getBytes(StandardCharsets.US_ASCII));
        out.write("a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII));
        out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return outcome(s);
      }
      case GARBAGE_FRAME, RANDOM_BYTES -> {
        if (!upgrade(s, host)) {
          return Outcome.CLOSED;
        }
        if (a == Attack.GARBAGE_FRAME) {
          out.write(new byte[] {(byte) 0x83, 0x05, 'h', 'e', 'l', 'l', 'o'}); // opcode 3, unmasked
        } else {
          byte[] junk = new byte[4096];
          random.nextBytes(junk);
          out.write(junk);
        }
        return drainUntilClosed(s, 10_000);
      }
      case ABANDONED_HANDSHAKE -> {
        out.write(
            ("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n" + host + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return outcome(s); // the session stays until its ping times out
      }
      case HALF_REQUEST -> {
        out.write("GET /socket.io/?EIO=4&tra".getBytes(StandardCharsets.US_ASCII));
        return drainUntilClosed(s, 10_000);
      }
      case TRICKLED_HEADERS -> {
        byte[] req =
            ("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n"
                    + host
                    + "X-Slow: "
                    + "b".repeat(100)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (byte b : req) {
          if (!running || System.nanoTime() > deadline) {
            return Outcome.GAVE_UP;
          }
          try {
            out.write(b);
            out.flush();
          } catch (IOException e) {
            return Outcome.CLOSED;
          }
          if (s.getInputStream().available() > 0) {
            return outcome(s);
          }
          sleep(500);
        }
        return outcome(s);
      }
      default -> throw new IllegalStateException("unknown attack " + a);
    }
  }

  /** A real WebSocket upgrade; true when the server answered 101. */
  private static boolean upgrade(Socket s, String host) throws IOException {
    byte[] key = new byte[16];
    new SplittableRandom().nextBytes(key);
    s.getOutputStream()
        .write(
            ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + host
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    String status = statusLine(s.getInputStream());
    return status != null && status.contains(" 101 ");
  }

  /** Reads the status line and returns how the attack ended. */
  private static Outcome outcome(Socket s) throws IOException {
    try {
      return statusLine(s.getInputStream()) != null ? Outcome.ANSWERED : Outcome.CLOSED;
    } catch (SocketTimeoutException e) {
      return Outcome.GAVE_UP;
    }
  }

  /** Reads and drops bytes until the server closes or {@code millis} pass. */
  private static Outcome drainUntilClosed(Socket s, long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buf) < 0) {
          return Outcome.CLOSED;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting until the deadline
      }
    }
    return Outcome.GAVE_UP;
  }

  /** The first line (up to 200 bytes), or {@code null} when the server closed first. */
  private static String statusLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n' && sb.length() < 200) {
      sb.append((char) b);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the threads and waits for them (bounded: 20 s, the longest attack plus a margin). */
  @Override
  public void close() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(20_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
