package dev.sio.bench.internal;

import dev.sio.bench.SoakOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The well-behaved and the slow clients of a soak, on the chat demo's events ({@code join}, {@code
 * message}): a population of {@link WsClient}s that come and go (each lives a random time, a
 * replacement connects, at most {@code connectRate} a second), chat messages broadcast to the
 * senders' rooms, and a few slow readers (a 4 KiB receive buffer, reading stopped after the join,
 * blind pongs every 10 s so that the heartbeat never ends them) in a room where a hot sender posts
 * {@code hotRate} messages of 1 000 characters a second. {@link #tick} is driven by one thread
 * every 100 ms.
 */
public final class SoakLoad implements WsClient.Listener, AutoCloseable {
  /** The room of the slow readers and of the hot sender. */
  static final String SLOW_ROOM = "slow";

  private static final String HOT_TEXT = "x".repeat(1000);

  private final SoakOptions options;
  private final LoadTransport transport;
  private final Map<WsClient, Long> live = new ConcurrentHashMap<>(); // client -> deadline nanos
  private final Map<WsClient, Boolean> slow = new ConcurrentHashMap<>(); // slow readers open
  private final Map<WsClient, Boolean> ours = new ConcurrentHashMap<>(); // closed by the tool
  private final AtomicLong connects = new AtomicLong(); // any event loop
  private final AtomicLong failures = new AtomicLong(); // any event loop
  private final AtomicLong unexpectedCloses = new AtomicLong(); // any event loop
  private final AtomicLong received = new AtomicLong(); // any event loop
  private final AtomicLong sent = new AtomicLong(); // driving thread
  private volatile String firstUnexpected; // any event loop
  private final SplittableRandom random = new SplittableRandom(42); // driving thread
  private volatile WsClient hot; // driving thread sets, its event loop clears on close
  private long seq; // driving thread
  private double broadcastCredit; // driving thread
  private double hotCredit; // driving thread

  /** The load of {@code options} through {@code transport}. */
  public SoakLoad(SoakOptions options, LoadTransport transport) {
    this.options = options;
    this.transport = transport;
  }

  /** One step: ends clients whose time is up, opens replacements, sends this step's messages. */
  public void tick() {
    long now = System.nanoTime();
    for (Map.Entry<WsClient, Long> e : live.entrySet()) {
      if (e.getValue() <= now) {
        close(e.getKey());
      }
    }
    int open = Math.min(options.clients() - live.size(), Math.max(1, options.connectRate() / 10));
    for (int i = 0; i < open; i++) {
      long life =
          options.minLifetime().toNanos()
              + (long)
                  (random.nextDouble()
                      * (options.maxLifetime().toNanos() - options.minLifetime().toNanos()));
      String room = "r" + (seq % options.rooms());
      WsClient c = WsClient.open(transport, this);
      c.attachment = room;
      live.put(c, now + life);
      seq++;
    }
    while (slow.size() < options.slowReaders()) {
      WsClient c =
          WsClient.open(
              transport, this, ch -> ch.config().setOption(ChannelOption.SO_RCVBUF, 4096));
      c.attachment = SLOW_ROOM;
      slow.put(c, Boolean.TRUE);
    }
    if (options.slowReaders() > 0 && hot == null) {
      hot = WsClient.open(transport, this);
      hot.attachment = SLOW_ROOM;
    }
    broadcastCredit += options.broadcastRate() / 10.0;
    if (broadcastCredit >= 1) {
      List<WsClient> senders = new ArrayList<>(live.keySet());
      while (broadcastCredit >= 1 && !senders.isEmpty()) {
        broadcastCredit -= 1;
        WsClient c = senders.get(random.nextInt(senders.size()));
        if (c.connectedNanos() != 0) {
          send(c, "42[\"message\",\"m" + sent.incrementAndGet() + "\"]");
        }
      }
      broadcastCredit = Math.min(broadcastCredit, 1);
    }
    WsClient h = hot;
    if (h != null && h.connectedNanos() != 0 && options.hotRate() > 0) {
      hotCredit += options.hotRate() / 10.0;
      for (; hotCredit >= 1; hotCredit--) {
        send(h, "42[\"message\",\"" + HOT_TEXT + "\"]");
      }
    }
  }

  /** Closes every client and waits (bounded: 30 s) until their connections are closed. */
  public void stopAll() {
    for (WsClient c : live.keySet()) {
      close(c);
    }
    for (WsClient c : slow.keySet()) {
      close(c);
    }
    WsClient h = hot;
    if (h != null) {
      close(h);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((!live.isEmpty() || !slow.isEmpty()) && System.nanoTime() < deadline) {
      RunControl.sleep(20);
    }
  }

  /** Load clients connected now. */
  public long connected() {
    return live.keySet().stream().filter(c -> c.connectedNanos() != 0).count();
  }

  /** Load clients connected since the start. */
  public long connects() {
    return connects.get();
  }

  /** Clients that failed before their CONNECT was answered. */
  public long failures() {
    return failures.get();
  }

  /** Connected clients the server closed (or that broke) before the tool closed them. */
  public long unexpectedCloses() {
    return unexpectedCloses.get();
  }

  /** The first such close's reason, or {@code null}. */
  public String firstUnexpected() {
    return firstUnexpected;
  }

  /** Events received by the load clients. */
  public long received() {
    return received.get();
  }

  /** Chat messages sent. */
  public long sent() {
    return sent.get();
  }

  private void close(WsClient c) {
    ours.put(c, Boolean.TRUE);
    c.close();
  }

  private static void send(WsClient c, String packet) {
    c.channel()
        .eventLoop()
        .execute(
            () -> {
              if (c.channel().isActive()) {
                c.write(packet);
                c.flush();
              }
            });
  }

  @Override
  public void onConnected(WsClient c) {
    connects.incrementAndGet();
    c.write("42[\"join\",{\"room\":\"" + c.attachment + "\",\"nickname\":\"c" + connects + "\"}]");
    if (slow.containsKey(c)) {
      c.flush();
      c.channel().config().setAutoRead(false); // never reads again
      java.util.concurrent.Future<?>[] pongs = new java.util.concurrent.Future<?>[1];
      pongs[0] =
          c.channel()
              .eventLoop()
              .scheduleAtFixedRate(
                  () -> {
                    if (c.channel().isActive()) {
                      c.write(BenchProtocol.PONG); // an unasked pong keeps the session open
                      c.flush();
                    } else {
                      pongs[0].cancel(false);
                    }
                  },
                  10,
                  10,
                  TimeUnit.SECONDS);
    }
  }

  @Override
  public void onEvent(WsClient c, ByteBuf frame) {
    received.incrementAndGet();
  }

  @Override
  public void onClosed(WsClient c, String reason) {
    live.remove(c);
    slow.remove(c);
    if (c == hot) {
      hot = null;
    }
    boolean byUs = ours.remove(c) != null;
    if (c.connectedNanos() == 0) {
      if (!byUs) {
        failures.incrementAndGet();
        if (firstUnexpected == null) {
          firstUnexpected = "connect failed: " + reason;
        }
      }
    } else if (!byUs) {
      unexpectedCloses.incrementAndGet();
      if (firstUnexpected == null) {
        firstUnexpected = reason;
      }
    }
  }

  @Override
  public void close() {
    stopAll();
  }
}
