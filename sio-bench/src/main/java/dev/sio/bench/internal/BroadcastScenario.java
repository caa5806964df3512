package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Room broadcast: N receivers join room {@code bench}; one more client (not in the room) emits
 * {@code 42["broadcast","bench","<nanos>:<padding>"]}, which the fixture re-emits to the room as
 * {@code 42["broadcast","<nanos>:<padding>"]}. Closed loop by default: W broadcasts in flight,
 * counted in deliveries (a new one goes out each time N more deliveries arrived); or paced at a
 * fixed rate with at most W in flight. Measures deliveries per second, delivery latency (send to
 * receipt, both on this machine's monotonic clock), CPU per delivery, and lost deliveries.
 */
public final class BroadcastScenario implements WsClient.Listener {
  private final LoadOptions options;
  private final RunControl control = new RunControl();
  private final LoopHistograms latency = new LoopHistograms();
  private final AtomicLong delivered = new AtomicLong(); // any event loop
  private final AtomicLong sent = new AtomicLong(); // sender's event loop writes
  private final LongAdder joined = new LongAdder(); // any event loop
  private final LongAdder wrongEvents = new LongAdder(); // any event loop
  private final LongAdder pacedBehind = new LongAdder(); // sender's event loop
  private final String padding;
  private final int receivers;
  private volatile WsClient sender; // set once by the driving thread

  /** A broadcast run with {@code options}. */
  public BroadcastScenario(LoadOptions options) {
    this.options = options;
    this.receivers = options.clients();
    this.padding = BenchProtocol.padding(Math.max(0, options.payloadBytes() - 16));
  }

  /** Runs the scenario; {@code progress} gets a line about once a second. */
  public ScenarioResult run(Consumer<String> progress) {
    ScenarioResult r = new ScenarioResult();
    r.put("scenario", "broadcast").put("clients", receivers).put("window", options.window());
    r.put("rate", options.broadcastRate() == 0 ? "closed-loop" : options.broadcastRate() + "/s");
    r.put("payload_bytes", options.payloadBytes());
    try (LoadTransport transport =
        new LoadTransport(options.host(), options.port(), options.threads(), options.sources())) {
      ClientPool pool = new ClientPool(this);
      int connected =
          pool.open(
              transport,
              receivers + 1,
              options.connectRate(),
              Duration.ofSeconds(15),
              progress,
              "broadcast connecting");
      r.put("connected", connected).put("connect_failures", pool.failed());
      if (connected < receivers + 1) {
        r.put(
            "error",
            "only " + connected + " of " + (receivers + 1) + " connected: " + pool.firstFailure());
        pool.closeAll();
        return r;
      }
      List<WsClient> all = pool.clients();
      sender = all.get(receivers);
      for (WsClient c : all.subList(0, receivers)) {
        c.channel()
            .eventLoop()
            .execute(
                () -> {
                  c.write("420[\"join\",\"" + BenchProtocol.ROOM + "\"]");
                  c.flush();
                });
      }
      if (!RunControl.await(() -> joined.sum() == receivers, Duration.ofSeconds(15))) {
        r.put("error", "only " + joined.sum() + " of " + receivers + " joined the room");
        pool.closeAll();
        return r;
      }
      ScheduledFuture<?> pacer = null;
      if (options.broadcastRate() == 0) {
        sender
            .channel()
            .eventLoop()
            .execute(
                () -> {
                  for (int i = 0; i < options.window(); i++) {
                    sendBroadcast();
                  }
                  sender.flush();
                });
      } else {
        long start = System.nanoTime();
        pacer =
            sender
                .channel()
                .eventLoop()
                .scheduleAtFixedRate(() -> pace(start), 0, 1, TimeUnit.MILLISECONDS);
      }
      control.run(options, delivered::get, receivers, progress);
      if (pacer != null) {
        pacer.cancel(false);
      }
      boolean drained =
          RunControl.await(() -> delivered.get() >= sent.get() * receivers, options.drainTimeout());
      transport.onEveryLoop(() -> {});
      control.putWindow(r, "deliveries");
      RunControl.putLatency(r, "latency", latency.merged());
      r.put("broadcasts_sent", sent.get()).put("delivered", delivered.get());
      r.put("lost", sent.get() * receivers - delivered.get()).put("drained", drained);
      r.put("wrong_events", wrongEvents.sum()).put("paced_behind", pacedBehind.sum());
      if (control.failure() != null) {
        r.put("error", control.failure());
      }
      pool.closeAll();
    }
    return r;
  }

  private void pace(long start) {
    if (control.draining()) {
      return;
    }
    long due = (System.nanoTime() - start) * options.broadcastRate() / 1_000_000_000L;
    boolean wrote = false;
    while (sent.get() < due) {
      if (sent.get() - delivered.get() / receivers >= options.window()) {
        pacedBehind.increment();
        break;
      }
      sendBroadcast();
      wrote = true;
    }
    if (wrote) {
      sender.flush();
    }
  }

  private void sendBroadcast() {
    WsClient s = sender;
    ByteBuf b = s.channel().alloc().ioBuffer(64 + padding.length());
    b.writeCharSequence(
        "42[\"broadcast\",\"" + BenchProtocol.ROOM + "\",\"",
        java.nio.charset.StandardCharsets.US_ASCII);
    BenchProtocol.writeNumber(b, System.nanoTime());
    b.writeByte(':');
    b.writeCharSequence(padding, java.nio.charset.StandardCharsets.US_ASCII);
    b.writeByte('"').writeByte(']');
    sent.lazySet(sent.get() + 1);
    s.write(b);
  }

  @Override
  public void onConnected(WsClient client) {
    client.attachment = latency.current();
  }

  @Override
  public void onAck(WsClient client, long id, ByteBuf frame, int argsIndex) {
    if (id == 0) {
      joined.increment();
    }
  }

  @Override
  public void onEvent(WsClient client, ByteBuf frame) {
    long now = System.nanoTime();
    int r = frame.readerIndex();
    if (!BenchProtocol.startsWith(frame, r, BenchProtocol.BROADCAST_DELIVERY_PREFIX)) {
      wrongEvents.increment();
      return;
    }
    long t =
        BenchProtocol.readNumber(
            frame, r + BenchProtocol.BROADCAST_DELIVERY_PREFIX.length, frame.writerIndex());
    if (control.measuring()) {
      ((Histogram) client.attachment).record(now - t);
    }
    long d = delivered.incrementAndGet();
    if (d % receivers == 0 && options.broadcastRate() == 0) {
      WsClient s = sender;
      s.channel()
          .eventLoop()
          .execute(
              () -> {
                if (!control.draining()) {
                  sendBroadcast();
                  s.flush();
                }
              });
    }
  }

  @Override
  public void onClosed(WsClient client, String reason) {
    if (client.connectedNanos() != 0 && !control.draining()) {
      control.fail("client closed while measuring: " + reason);
    }
  }
}
