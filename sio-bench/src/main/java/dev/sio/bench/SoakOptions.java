package dev.sio.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one soak run does ({@code ./sio soak}, {@link SoakTool}): how long, how many clients come
 * and go, how much room traffic, how many slow readers and hostile connections, how often the
 * server is sampled, and the tolerance of the verdict. Every figure has a bound checked by {@link
 * Builder#build()}; the target is a loopback address only.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class SoakOptions {
  private final Duration duration;
  private final int rounds;
  private final Duration settle;
  private final int clients;
  private final int connectRate;
  private final Duration minLifetime;
  private final Duration maxLifetime;
  private final int rooms;
  private final int broadcastRate;
  private final int slowReaders;
  private final int hotRate;
  private final int hostileThreads;
  private final Duration sampleEvery;
  private final double tolerance;
  private final long memorySlackBytes;
  private final int fdSlack;
  private final int threadSlack;
  private final String host;
  private final int port;
  private final long serverPid;
  private final List<String> serverCommand;
  private final List<String> sources;
  private final int threads;
  private final Path out;

  private SoakOptions(Builder b) {
    this.duration = b.duration;
    this.rounds = b.rounds;
    this.settle = b.settle;
    this.clients = b.clients;
    this.connectRate = b.connectRate;
    this.minLifetime = b.minLifetime;
    this.maxLifetime = b.maxLifetime;
    this.rooms = b.rooms;
    this.broadcastRate = b.broadcastRate;
    this.slowReaders = b.slowReaders;
    this.hotRate = b.hotRate;
    this.hostileThreads = b.hostileThreads;
    this.sampleEvery = b.sampleEvery;
    this.tolerance = b.tolerance;
    this.memorySlackBytes = b.memorySlackBytes;
    this.fdSlack = b.fdSlack;
    this.threadSlack = b.threadSlack;
    this.host = b.host;
    this.port = b.port;
    this.serverPid = b.serverPid;
    this.serverCommand = List.copyOf(b.serverCommand);
    this.sources = List.copyOf(b.sources);
    this.threads = b.threads;
    this.out = b.out;
  }

  /** {@return a builder with the defaults of {@code ./sio soak}: 30 minutes, 10 000 clients} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return load time of each round (default 30 min)} */
  public Duration duration() {
    return duration;
  }

  /** {@return load rounds, each followed by {@link #settle()} without load (default 1)} */
  public int rounds() {
    return rounds;
  }

  /**
   * {@return quiet time after each round (default 60 s): longer than the Engine.IO ping interval
   * plus timeout (45 s), so that abandoned sessions have ended when the round's end is sampled}
   */
  public Duration settle() {
    return settle;
  }

  /** {@return clients connected at once at the plateau (default 10 000)} */
  public int clients() {
    return clients;
  }

  /** {@return most new connections per second (default 200)} */
  public int connectRate() {
    return connectRate;
  }

  /**
   * {@return shortest life of a client; each lives a random time between the two (default 60 s)}
   */
  public Duration minLifetime() {
    return minLifetime;
  }

  /** {@return longest life of a client (default 300 s)} */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** {@return chat rooms the clients join in turn (default 500)} */
  public int rooms() {
    return rooms;
  }

  /** {@return chat messages per second, each broadcast to the sender's room (default 20)} */
  public int broadcastRate() {
    return broadcastRate;
  }

  /** {@return slow readers: tiny receive buffer, never read, blind pongs (default 4)} */
  public int slowReaders() {
    return slowReaders;
  }

  /** {@return messages of 1 000 characters per second to the slow readers' room (default 2)} */
  public int hotRate() {
    return hotRate;
  }

  /** {@return threads each running one hostile connection after another (default 2)} */
  public int hostileThreads() {
    return hostileThreads;
  }

  /** {@return time between two samples of the server (default 5 s)} */
  public Duration sampleEvery() {
    return sampleEvery;
  }

  /** {@return the verdict's relative tolerance (default 0.10: the last third's max within 10%)} */
  public double tolerance() {
    return tolerance;
  }

  /** {@return absolute slack added to the memory tolerance (default 16 MiB), for small figures} */
  public long memorySlackBytes() {
    return memorySlackBytes;
  }

  /** {@return open files the server may hold above its baseline at the end (default 16)} */
  public int fdSlack() {
    return fdSlack;
  }

  /**
   * {@return threads the server may have above its baseline at the end (default 4: JIT and GC
   * workers)}
   */
  public int threadSlack() {
    return threadSlack;
  }

  /** {@return the server's address (loopback)} */
  public String host() {
    return host;
  }

  /** {@return the server's port when attaching to a running server, else 0} */
  public int port() {
    return port;
  }

  /** {@return the server's process id when attaching, else 0} */
  public long serverPid() {
    return serverPid;
  }

  /** {@return the command that starts the server (empty when attaching to {@link #port()})} */
  public List<String> serverCommand() {
    return serverCommand;
  }

  /** {@return local loopback addresses to connect from, in turn} */
  public List<String> sources() {
    return sources;
  }

  /** {@return event loop threads of the load clients (default 2)} */
  public int threads() {
    return threads;
  }

  /** {@return folder of the CSV, the markdown summary and the server's log} */
  public Path out() {
    return out;
  }

  /** Builds {@link SoakOptions}. */
  public static final class Builder {
    private Duration duration = Duration.ofMinutes(30);
    private int rounds = 1;
    private Duration settle = Duration.ofSeconds(60);
    private int clients = 10_000;
    private int connectRate = 200;
    private Duration minLifetime = Duration.ofSeconds(60);
    private Duration maxLifetime = Duration.ofSeconds(300);
    private int rooms = 500;
    private int broadcastRate = 20;
    private int slowReaders = 4;
    private int hotRate = 2;
    private int hostileThreads = 2;
    private Duration sampleEvery = Duration.ofSeconds(5);
    private double tolerance = 0.10;
    private long memorySlackBytes = 16L << 20;
    private int fdSlack = 16;
    private int threadSlack = 4;
    private String host = "127.0.0.1";
    private int port;
    private long serverPid;
    private List<String> serverCommand = List.of();
    private List<String> sources = List.of();
    private int threads = 2;
    private Path out = Path.of("target", "soak");

    private Builder() {}

    /**
     * Load time of each round.
     *
     * @param d load time of each round
     * @return this builder
     */
    public Builder duration(Duration d) {
      this.duration = Objects.requireNonNull(d, "duration");
      return this;
    }

    /**
     * Load rounds.
     *
     * @param n load rounds
     * @return this builder
     */
    public Builder rounds(int n) {
      this.rounds = n;
      return this;
    }

    /**
     * Quiet time after each round.
     *
     * @param d quiet time after each round
     * @return this builder
     */
    public Builder settle(Duration d) {
      this.settle = Objects.requireNonNull(d, "settle");
      return this;
    }

    /**
     * Clients at once.
     *
     * @param n clients at once
     * @return this builder
     */
    public Builder clients(int n) {
      this.clients = n;
      return this;
    }

    /**
     * New connections per second.
     *
     * @param n new connections per second
     * @return this builder
     */
    public Builder connectRate(int n) {
      this.connectRate = n;
      return this;
    }

    /**
     * A client's life, between {@code min} and {@code max}.
     *
     * @param min the minimum
     * @param max the maximum
     * @return this builder
     */
    public Builder lifetime(Duration min, Duration max) {
      this.minLifetime = Objects.requireNonNull(min, "min");
      this.maxLifetime = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * Chat rooms.
     *
     * @param n chat rooms
     * @return this builder
     */
    public Builder rooms(int n) {
      this.rooms = n;
      return this;
    }

    /**
     * Chat messages per second.
     *
     * @param n chat messages per second
     * @return this builder
     */
    public Builder broadcastRate(int n) {
      this.broadcastRate = n;
      return this;
    }

    /**
     * Slow readers.
     *
     * @param n slow readers
     * @return this builder
     */
    public Builder slowReaders(int n) {
      this.slowReaders = n;
      return this;
    }

    /**
     * Messages per second to the slow readers' room.
     *
     * @param n messages per second to the slow readers' room
     * @return this builder
     */
    public Builder hotRate(int n) {
      this.hotRate = n;
      return this;
    }

    /**
     * Hostile threads.
     *
     * @param n hostile threads
     * @return this builder
     */
    public Builder hostileThreads(int n) {
      this.hostileThreads = n;
      return this;
    }

    /**
     * Time between samples.
     *
     * @param d time between samples
     * @return this builder
     */
    public Builder sampleEvery(Duration d) {
      this.sampleEvery = Objects.requireNonNull(d, "sampleEvery");
      return this;
    }

    /**
     * The verdict's relative tolerance.
     *
     * @param t the verdict's relative tolerance
     * @return this builder
     */
    public Builder tolerance(double t) {
      this.tolerance = t;
      return this;
    }

    /**
     * Absolute memory slack of the verdict.
     *
     * @param bytes absolute memory slack of the verdict
     * @return this builder
     */
    public Builder memorySlackBytes(long bytes) {
      this.memorySlackBytes = bytes;
      return this;
    }

    /**
     * Slack of open files and threads at the end.
     *
     * @param fds the open files allowed above the start
     * @param threads the threads allowed above the start
     * @return this builder
     */
    public Builder endSlack(int fds, int threads) {
      this.fdSlack = fds;
      this.threadSlack = threads;
      return this;
    }

    /**
     * The server's address (loopback).
     *
     * @param h the server's address (loopback)
     * @return this builder
     */
    public Builder host(String h) {
      this.host = Objects.requireNonNull(h, "host");
      return this;
    }

    /**
     * Attach to a running server at {@code port} whose process is {@code pid}.
     *
     * @param port the port (0 for a free one)
     * @param pid the private session id
     * @return this builder
     */
    public Builder attach(int port, long pid) {
      this.port = port;
      this.serverPid = pid;
      return this;
    }

    /**
     * Start the server with {@code command}; it must print a {@code stats ready} line.
     *
     * @param command start the server with {@code command}; it must print a {@code stats ready}
     *     line
     * @return this builder
     */
    public Builder serverCommand(List<String> command) {
      this.serverCommand = List.copyOf(command);
      return this;
    }

    /**
     * Local loopback addresses to connect from.
     *
     * @param s local loopback addresses to connect from
     * @return this builder
     */
    public Builder sources(List<String> s) {
      this.sources = List.copyOf(s);
      return this;
    }

    /**
     * Event loop threads of the load clients.
     *
     * @param n event loop threads of the load clients
     * @return this builder
     */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    /**
     * Folder of the results.
     *
     * @param p folder of the results
     * @return this builder
     */
    public Builder out(Path p) {
      this.out = Objects.requireNonNull(p, "out");
      return this;
    }

    /**
     * Validates and builds; the message says which figure is out of its bounds.
     *
     * @return the soak options
     */
    public SoakOptions build() {
      positive("duration", duration);
      positive("settle", settle);
      positive("sampleEvery", sampleEvery);
      positive("minLifetime", minLifetime);
      range("rounds", rounds, 1, 20);
      range("clients", clients, 1, 19_000); // one process holds ~19 990 sockets here
      range("connectRate", connectRate, 1, 5_000);
      range("rooms", rooms, 1, 100_000);
      range("broadcastRate", broadcastRate, 0, 10_000);
      range("slowReaders", slowReaders, 0, 100);
      range("hotRate", hotRate, 0, 1_000);
      range("hostileThreads", hostileThreads, 0, 16);
      range("threads", threads, 1, 64);
      range("fdSlack", fdSlack, 0, 10_000);
      range("threadSlack", threadSlack, 0, 1_000);
      if (duration.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("duration must be at most 24 h, got " + duration);
      }
      if (maxLifetime.compareTo(minLifetime) < 0) {
        throw new IllegalArgumentException(
            "maxLifetime ("
                + maxLifetime
                + ") must not be below minLifetime ("
                + minLifetime
                + ")");
      }
      if (!(tolerance >= 0 && tolerance <= 10)) {
        throw new IllegalArgumentException("tolerance must be 0..10, got " + tolerance);
      }
      if (memorySlackBytes < 0) {
        throw new IllegalArgumentException("memorySlackBytes must not be negative");
      }
      if (serverCommand.isEmpty() == (port == 0)) {
        throw new IllegalArgumentException(
            "give either a server command or the port (and pid) of a running server, not "
                + (port == 0 ? "neither" : "both"));
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, got " + port);
      }
      return new SoakOptions(this);
    }

    private static void positive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
    }

    private static void range(String name, long v, long min, long max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + v);
      }
    }
  }
}
