package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Echo over HTTP long-polling: C clients (two keep-alive connections each) each keep W events with
 * ack in flight. Measures acks per second, round-trip latency and CPU per round trip.
 */
public final class PollingScenario implements PollingClient.Listener {
  private final LoadOptions options;
  private final RunControl control = new RunControl();
  private final LoopHistograms latency = new LoopHistograms();
  private final LongAdder acks = new LongAdder(); // any event loop
  private final LongAdder inFlight = new LongAdder(); // any event loop
  private final AtomicInteger connected = new AtomicInteger(); // any event loop
  private final AtomicInteger failed = new AtomicInteger(); // any event loop
  private final Histogram connectLatency = new Histogram(); // guarded by itself
  private volatile String firstFailure; // any event loop
  private final String eventBody; // ["echo","<payload>"]
  private final int expectedAckLength;
  private final int ring;

  /** Per client, owned by its event loop. */
  private static final class State {
    long nextId; // event loop
    long acked; // event loop
    long wrongAcks; // event loop
    final long[] sentAt; // event loop
    Histogram histogram; // event loop

    State(int ring) {
      sentAt = new long[ring];
    }
  }

  /** A polling echo run with {@code options}. */
  public PollingScenario(LoadOptions options) {
    this.options = options;
    String payload = BenchProtocol.padding(options.payloadBytes());
    this.eventBody = "[\"" + BenchProtocol.ECHO + "\",\"" + payload + "\"]";
    this.expectedAckLength = payload.length() + 4;
    this.ring = Integer.highestOneBit(Math.max(1, options.window() - 1)) << 1;
  }

  /** Runs the scenario; {@code progress} gets a line about once a second. */
  public ScenarioResult run(Consumer<String> progress) {
    ScenarioResult r = new ScenarioResult();
    r.put("scenario", "polling").put("transport", "polling");
    r.put("clients", options.clients()).put("window", options.window());
    r.put("payload_bytes", options.payloadBytes());
    List<PollingClient> clients = new ArrayList<>();
    try (LoadTransport transport =
        new LoadTransport(options.host(), options.port(), options.threads(), options.sources())) {
      long start = System.nanoTime();
      int n = options.clients();
      while (clients.size() < n) {
        long due =
            Math.min(n, 1 + (System.nanoTime() - start) * options.connectRate() / 1_000_000_000L);
        while (clients.size() < due) {
          clients.add(PollingClient.open(transport, this));
        }
        RunControl.sleep(1);
      }
      RunControl.await(() -> connected.get() + failed.get() >= n, java.time.Duration.ofSeconds(15));
      r.put("connected", connected.get()).put("connect_failures", failed.get());
      synchronized (connectLatency) {
        RunControl.putLatency(r, "connect", connectLatency);
      }
      if (connected.get() < n) {
        r.put("error", "only " + connected.get() + " of " + n + " connected: " + firstFailure);
        clients.forEach(PollingClient::close);
        return r;
      }
      for (PollingClient c : clients) {
        c.eventLoop()
            .execute(
                () -> {
                  for (int i = 0; i < options.window(); i++) {
                    send(c, (State) c.attachment);
                  }
                });
      }
      control.run(options, acks::sum, 1, progress);
      boolean drained = RunControl.await(() -> inFlight.sum() == 0, options.drainTimeout());
      transport.onEveryLoop(() -> {});
      long sent = 0;
      long acked = 0;
      long wrong = 0;
      for (PollingClient c : clients) {
        State s = (State) c.attachment;
        sent += s.nextId;
        acked += s.acked;
        wrong += s.wrongAcks;
      }
      control.putWindow(r, "acks");
      RunControl.putLatency(r, "latency", latency.merged());
      r.put("sent", sent).put("acked", acked).put("lost", sent - acked);
      r.put("wrong_acks", wrong).put("drained", drained);
      if (control.failure() != null) {
        r.put("error", control.failure());
      }
      for (PollingClient c : clients) {
        c.eventLoop().execute(c::close);
      }
      RunControl.sleep(100);
      transport.onEveryLoop(() -> {});
    }
    return r;
  }

  private void send(PollingClient c, State s) {
    long id = s.nextId++;
    s.sentAt[(int) (id & (ring - 1))] = System.nanoTime();
    inFlight.increment();
    c.send("42" + id + eventBody);
  }

  @Override
  public void onConnected(PollingClient client) {
    State s = new State(ring);
    s.histogram = latency.current();
    client.attachment = s;
    synchronized (connectLatency) {
      connectLatency.record(client.connectedNanos() - client.startNanos());
    }
    connected.incrementAndGet();
  }

  @Override
  public void onAck(PollingClient client, long id, ByteBuf body, int argsIndex, int end) {
    long now = System.nanoTime();
    State s = (State) client.attachment;
    if (id < s.acked || id >= s.nextId || end - argsIndex != expectedAckLength) {
      s.wrongAcks++;
      control.fail("unexpected ack " + id + " (acked " + s.acked + ", sent " + s.nextId + ")");
      return;
    }
    s.acked++;
    inFlight.decrement();
    acks.increment();
    if (control.measuring()) {
      s.histogram.record(now - s.sentAt[(int) (id & (ring - 1))]);
    }
    if (!control.draining()) {
      send(client, s);
    }
  }

  @Override
  public void onClosed(PollingClient client, String reason) {
    if (client.connectedNanos() == 0) {
      failed.incrementAndGet();
      if (firstFailure == null) {
        firstFailure = reason;
      }
    } else if (!control.draining()) {
      control.fail("client closed while measuring: " + reason);
    }
  }
}
