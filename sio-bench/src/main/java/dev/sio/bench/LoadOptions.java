package dev.sio.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one load run does: the scenario, its size, and its bounds. Every run is bounded twice: by a
 * count ({@link #messages()}, {@link #clients()}) and by a time ({@link #duration()}, {@link
 * #warmup()}); it stops at whichever comes first. Targets are loopback addresses only.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class LoadOptions {

  /** The scenarios of the load tool. */
  public enum Scenario {
    /** Open N clients at a set rate, hold them, measure the server's memory per connection. */
    CONNECTIONS,
    /** C WebSocket clients each keep W events with ack in flight. */
    ECHO,
    /** N clients in one room; a sender emits broadcasts the server re-emits to the room. */
    BROADCAST,
    /** The echo scenario over HTTP long-polling. */
    POLLING,
    /**
     * N clients in one room get R broadcasts per second; per broadcast, the latency of the first
     * and the last recipient.
     */
    PACED_BROADCAST,
    /** N WebSocket clients connecting at once, as after a server restart. */
    STORM;

    /** {@return the scenario's name on the command line ({@code paced-broadcast})} */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a command-line name.
     *
     * @param name the name
     * @return the new scenario
     */
    public static Scenario parse(String name) {
      for (Scenario s : values()) {
        if (s.cliName().equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "unknown scenario '"
              + name
              + "': connections, echo, broadcast, polling, paced-broadcast or storm");
    }
  }

  private final Scenario scenario;
  private final String host;
  private final int port;
  private final long serverPid;
  private final int clients;
  private final int window;
  private final int payloadBytes;
  private final long messages;
  private final long warmupMessages;
  private final Duration duration;
  private final Duration warmup;
  private final int connectRate;
  private final Duration hold;
  private final int broadcastRate;
  private final List<String> sources;
  private final int threads;
  private final Duration drainTimeout;
  private final java.nio.file.Path histogramFile;
  private final int rounds;

  private LoadOptions(Builder b) {
    this.scenario = b.scenario;
    this.host = b.host;
    this.port = b.port;
    this.serverPid = b.serverPid;
    this.clients = b.clients != null ? b.clients : Builder.defaultClients(b.scenario);
    this.window = b.window != null ? b.window : Builder.defaultWindow(b.scenario);
    this.payloadBytes = b.payloadBytes;
    this.messages = b.messages;
    this.warmupMessages = b.warmupMessages;
    this.duration = b.duration;
    this.warmup = b.warmup;
    this.connectRate = b.connectRate;
    this.hold = b.hold;
    this.broadcastRate =
        b.broadcastRate != null ? b.broadcastRate : Builder.defaultRate(b.scenario);
    this.rounds = b.rounds;
    this.sources = List.copyOf(b.sources);
    this.threads = b.threads;
    this.drainTimeout = b.drainTimeout;
    this.histogramFile = b.histogramFile;
  }

  /** {@return a builder with the defaults of the quick echo run} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the scenario} */
  public Scenario scenario() {
    return scenario;
  }

  /** {@return the server's address (loopback)} */
  public String host() {
    return host;
  }

  /** {@return the server's port} */
  public int port() {
    return port;
  }

  /** {@return the server's process id for CPU and RSS figures, or 0 when unknown} */
  public long serverPid() {
    return serverPid;
  }

  /** {@return clients (receivers for a broadcast, connections to hold for connections)} */
  public int clients() {
    return clients;
  }

  /** {@return events in flight per client (echo, polling), or broadcasts in flight (broadcast)} */
  public int window() {
    return window;
  }

  /** {@return bytes of the string payload of each event} */
  public int payloadBytes() {
    return payloadBytes;
  }

  /** {@return most units measured: acks (echo, polling) or broadcasts emitted (broadcast)} */
  public long messages() {
    return messages;
  }

  /** {@return most units in the warmup} */
  public long warmupMessages() {
    return warmupMessages;
  }

  /** {@return longest measuring phase} */
  public Duration duration() {
    return duration;
  }

  /** {@return longest warmup phase} */
  public Duration warmup() {
    return warmup;
  }

  /** {@return new connections per second while connecting} */
  public int connectRate() {
    return connectRate;
  }

  /** {@return how long the connections scenario holds its clients before measuring memory} */
  public Duration hold() {
    return hold;
  }

  /**
   * {@return broadcasts per second, or 0 for closed loop ({@link #window()} broadcasts in flight)}
   */
  public int broadcastRate() {
    return broadcastRate;
  }

  /**
   * {@return storms run one after the other (storm): the first one meets a freshly started server,
   * the later ones a warm one}
   */
  public int rounds() {
    return rounds;
  }

  /** {@return local loopback addresses to connect from, in turn; empty for the system's choice} */
  public List<String> sources() {
    return sources;
  }

  /** {@return event loop threads of the load tool} */
  public int threads() {
    return threads;
  }

  /** {@return how long to wait for messages still in flight when measuring ends} */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /**
   * {@return where the connections scenario writes the server's heap growth per connection by class
   * (a JVM server only, through {@code jcmd}), or {@code null} for none}
   */
  public java.nio.file.Path histogramFile() {
    return histogramFile;
  }

  @Override
  public String toString() {
    return "LoadOptions[scenario="
        + scenario.cliName()
        + ", target="
        + host
        + ":"
        + port
        + ", clients="
        + clients
        + ", window="
        + window
        + ", payload="
        + payloadBytes
        + ", messages="
        + messages
        + ", duration="
        + duration
        + ", warmup="
        + warmup
        + "]";
  }

  /**
   * Builds {@link LoadOptions}; {@link #build()} checks every value. Clients, window and rate
   * default by scenario: 50 clients, window 1, closed loop; paced-broadcast 1000 clients at 50
   * broadcasts per second with at most 32 in flight; storm 5000 clients.
   */
  public static final class Builder {
    private Scenario scenario = Scenario.ECHO;
    private String host = "127.0.0.1";
    private int port;
    private long serverPid;
    private Integer clients;
    private Integer window;
    private int payloadBytes = 32;
    private long messages = 1_000_000;
    private long warmupMessages = 200_000;
    private Duration duration = Duration.ofSeconds(10);
    private Duration warmup = Duration.ofSeconds(3);
    private int connectRate = 2000;
    private Duration hold = Duration.ofSeconds(2);
    private Integer broadcastRate;
    private int rounds = 1;
    private List<String> sources = List.of();
    private int threads = 1;
    private Duration drainTimeout = Duration.ofSeconds(10);
    private java.nio.file.Path histogramFile;

    private Builder() {}

    static int defaultClients(Scenario s) {
      return switch (s) {
        case PACED_BROADCAST -> 1000;
        case STORM -> 5000;
        default -> 50;
      };
    }

    static int defaultWindow(Scenario s) {
      return s == Scenario.PACED_BROADCAST ? 32 : 1;
    }

    static int defaultRate(Scenario s) {
      return s == Scenario.PACED_BROADCAST ? 50 : 0;
    }

    /**
     * Storms one after the other, storm only (default 1).
     *
     * @param rounds storms one after the other, storm only (default 1)
     * @return this builder
     */
    public Builder rounds(int rounds) {
      this.rounds = rounds;
      return this;
    }

    /**
     * Writes the JVM server's heap growth per connection by class there (default none).
     *
     * @param histogramFile writes the JVM server's heap growth per connection by class there
     *     (default none)
     * @return this builder
     */
    public Builder histogramFile(java.nio.file.Path histogramFile) {
      this.histogramFile = histogramFile;
      return this;
    }

    /**
     * The scenario (default echo).
     *
     * @param scenario the scenario (default echo)
     * @return this builder
     */
    public Builder scenario(Scenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
      return this;
    }

    /**
     * The server's address (default 127.0.0.1; loopback only).
     *
     * @param host the server's address (default 127.0.0.1; loopback only)
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The server's port (required).
     *
     * @param port the server's port (required)
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The server's process id, for CPU and memory figures (default 0: unknown).
     *
     * @param serverPid the server's process id, for CPU and memory figures (default 0: unknown)
     * @return this builder
     */
    public Builder serverPid(long serverPid) {
      this.serverPid = serverPid;
      return this;
    }

    /**
     * Clients (default 50; paced-broadcast 1000, storm 5000).
     *
     * @param clients clients (default 50; paced-broadcast 1000, storm 5000)
     * @return this builder
     */
    public Builder clients(int clients) {
      this.clients = clients;
      return this;
    }

    /**
     * Events or broadcasts in flight (default 1; paced-broadcast 32).
     *
     * @param window events or broadcasts in flight (default 1; paced-broadcast 32)
     * @return this builder
     */
    public Builder window(int window) {
      this.window = window;
      return this;
    }

    /**
     * Payload bytes (default 32).
     *
     * @param payloadBytes payload bytes (default 32)
     * @return this builder
     */
    public Builder payloadBytes(int payloadBytes) {
      this.payloadBytes = payloadBytes;
      return this;
    }

    /**
     * Most units measured (default 1 000 000).
     *
     * @param messages most units measured (default 1 000 000)
     * @return this builder
     */
    public Builder messages(long messages) {
      this.messages = messages;
      return this;
    }

    /**
     * Most units in the warmup (default 200 000).
     *
     * @param warmupMessages most units in the warmup (default 200 000)
     * @return this builder
     */
    public Builder warmupMessages(long warmupMessages) {
      this.warmupMessages = warmupMessages;
      return this;
    }

    /**
     * Longest measuring phase (default 10 s).
     *
     * @param duration longest measuring phase (default 10 s)
     * @return this builder
     */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /**
     * Longest warmup (default 3 s).
     *
     * @param warmup longest warmup (default 3 s)
     * @return this builder
     */
    public Builder warmup(Duration warmup) {
      this.warmup = Objects.requireNonNull(warmup, "warmup");
      return this;
    }

    /**
     * New connections per second (default 2000).
     *
     * @param connectRate new connections per second (default 2000)
     * @return this builder
     */
    public Builder connectRate(int connectRate) {
      this.connectRate = connectRate;
      return this;
    }

    /**
     * Hold time of the connections scenario (default 2 s).
     *
     * @param hold hold time of the connections scenario (default 2 s)
     * @return this builder
     */
    public Builder hold(Duration hold) {
      this.hold = Objects.requireNonNull(hold, "hold");
      return this;
    }

    /**
     * Broadcasts per second, 0 for closed loop (default 0; paced-broadcast 50).
     *
     * @param broadcastRate broadcasts per second, 0 for closed loop (default 0; paced-broadcast 50)
     * @return this builder
     */
    public Builder broadcastRate(int broadcastRate) {
      this.broadcastRate = broadcastRate;
      return this;
    }

    /**
     * Local loopback addresses to connect from (default none).
     *
     * @param sources local loopback addresses to connect from (default none)
     * @return this builder
     */
    public Builder sources(List<String> sources) {
      this.sources = List.copyOf(sources);
      return this;
    }

    /**
     * Event loop threads of the tool (default 1).
     *
     * @param threads event loop threads of the tool (default 1)
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Drain timeout (default 10 s).
     *
     * @param drainTimeout drain timeout (default 10 s)
     * @return this builder
     */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
      return this;
    }

    /**
     * Checks every value and builds.
     *
     * @return the load options
     */
    public LoadOptions build() {
      check(port > 0 && port < 65536, "port must be within 1..65535, got " + port);
      int clients = this.clients != null ? this.clients : defaultClients(scenario);
      int window = this.window != null ? this.window : defaultWindow(scenario);
      int broadcastRate = this.broadcastRate != null ? this.broadcastRate : defaultRate(scenario);
      check(clients >= 1 && clients <= 1_000_000, "clients must be within 1..1000000: " + clients);
      check(window >= 1 && window <= 4096, "window must be within 1..4096: " + window);
      check(
          payloadBytes >= 0 && payloadBytes <= 65536, "payload must be 0..65536: " + payloadBytes);
      check(messages >= 1, "messages must be at least 1: " + messages);
      check(warmupMessages >= 0, "warmup messages must not be negative: " + warmupMessages);
      check(!duration.isNegative() && !duration.isZero(), "duration must be positive");
      check(duration.compareTo(Duration.ofHours(1)) <= 0, "duration must be at most 1 hour");
      check(!warmup.isNegative(), "warmup must not be negative");
      check(warmup.compareTo(Duration.ofMinutes(10)) <= 0, "warmup must be at most 10 minutes");
      check(connectRate >= 1, "connect rate must be at least 1 per second: " + connectRate);
      check(!hold.isNegative() && hold.compareTo(Duration.ofMinutes(10)) <= 0, "hold: 0..10 min");
      check(broadcastRate >= 0, "broadcast rate must not be negative: " + broadcastRate);
      check(
          scenario != Scenario.PACED_BROADCAST || (broadcastRate >= 1 && broadcastRate <= 10_000),
          "paced-broadcast needs a rate within 1..10000 per second: " + broadcastRate);
      check(rounds >= 1 && rounds <= 10, "rounds must be within 1..10: " + rounds);
      check(threads >= 1 && threads <= 64, "threads must be within 1..64: " + threads);
      check(!drainTimeout.isNegative(), "drain timeout must not be negative");
      return new LoadOptions(this);
    }

    private static void check(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
