package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Echo over WebSocket: C clients each keep W {@code 42<id>["echo","<payload>"]} in flight and send
 * the next one when the {@code 43<id>["<payload>"]} comes back. Measures acks per second, round
 * trip latency, and CPU per round trip.
 */
public final class EchoScenario implements WsClient.Listener {
  private final LoadOptions options;
  private final RunControl control = new RunControl();
  private final LoopHistograms latency = new LoopHistograms();
  private final LongAdder acks = new LongAdder(); // any event loop
  private final LongAdder inFlight = new LongAdder(); // any event loop
  private final AtomicLong closedAfterConnect = new AtomicLong(); // any event loop
  private final byte[] eventBody; // ["echo","<payload>"]
  private final int expectedAckLength; // ["<payload>"]
  private final int ring;

  /** Per client, owned by its event loop. */
  private static final class State {
    long nextId; // event loop
    long acked; // event loop
    long wrongAcks; // event loop
    long[] sentAt; // event loop
    Histogram histogram; // event loop
  }

  /** An echo run with {@code options}. */
  public EchoScenario(LoadOptions options) {
    this.options = options;
    String payload = BenchProtocol.padding(options.payloadBytes());
    this.eventBody = BenchProtocol.ascii("[\"" + BenchProtocol.ECHO + "\",\"" + payload + "\"]");
    this.expectedAckLength = payload.length() + 4;
    this.ring = Integer.highestOneBit(Math.max(1, options.window() - 1)) << 1;
  }

  /** Runs the scenario; {@code progress} gets a line about once a second. */
  public ScenarioResult run(Consumer<String> progress) {
    ScenarioResult r = new ScenarioResult();
    r.put("scenario", "echo").put("transport", "websocket");
    r.put("clients", options.clients()).put("window", options.window());
    r.put("payload_bytes", options.payloadBytes());
    try (LoadTransport transport =
        new LoadTransport(options.host(), options.port(), options.threads(), options.sources())) {
      ClientPool pool = new ClientPool(this);
      int connected =
          pool.open(
              transport,
              options.clients(),
              options.connectRate(),
              Duration.ofSeconds(15),
              progress,
              "echo connecting");
      r.put("connected", connected).put("connect_failures", pool.failed());
      if (connected < options.clients()) {
        r.put(
            "error",
            "only "
                + connected
                + " of "
                + options.clients()
                + " connected: "
                + pool.firstFailure());
        pool.closeAll();
        return r;
      }
      for (WsClient c : pool.clients()) {
        c.channel().eventLoop().execute(() -> start(c));
      }
      control.run(options, acks::sum, 1, progress);
      boolean drained = RunControl.await(() -> inFlight.sum() == 0, options.drainTimeout());
      long[] totals = new long[3];
      transport.onEveryLoop(() -> {});
      for (WsClient c : pool.clients()) {
        State s = (State) c.attachment;
        totals[0] += s.nextId;
        totals[1] += s.acked;
        totals[2] += s.wrongAcks;
      }
      control.putWindow(r, "acks");
      RunControl.putLatency(r, "latency", latency.merged());
      r.put("sent", totals[0]).put("acked", totals[1]).put("lost", totals[0] - totals[1]);
      r.put("wrong_acks", totals[2]).put("drained", drained);
      r.put("closed_early", closedAfterConnect.get());
      if (control.failure() != null) {
        r.put("error", control.failure());
      }
      pool.closeAll();
    }
    return r;
  }

  @Override
  public void onConnected(WsClient client) {
    State s = new State();
    s.sentAt = new long[ring];
    s.histogram = latency.current();
    client.attachment = s;
  }

  private void start(WsClient client) {
    for (int i = 0; i < options.window(); i++) {
      send(client, (State) client.attachment);
    }
    client.flush();
  }

  private void send(WsClient client, State s) {
    long id = s.nextId++;
    s.sentAt[(int) (id & (ring - 1))] = System.nanoTime();
    ByteBuf b = client.channel().alloc().ioBuffer(eventBody.length + 24);
    b.writeByte('4').writeByte('2');
    BenchProtocol.writeNumber(b, id);
    b.writeBytes(eventBody);
    inFlight.increment();
    client.write(b);
  }

  @Override
  public void onAck(WsClient client, long id, ByteBuf frame, int argsIndex) {
    long now = System.nanoTime();
    State s = (State) client.attachment;
    if (id < s.acked || id >= s.nextId || frame.writerIndex() - argsIndex != expectedAckLength) {
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
  public void onClosed(WsClient client, String reason) {
    if (client.connectedNanos() != 0 && !control.draining()) {
      closedAfterConnect.incrementAndGet();
      control.fail("client closed while measuring: " + reason);
    }
  }
}
