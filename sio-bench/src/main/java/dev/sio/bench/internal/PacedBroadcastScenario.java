package dev.sio.bench.internal;

import dev.sio.bench.LoadOptions;
import dev.sio.bench.ScenarioResult;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Paced broadcast: N receivers join room {@code bench}; one more client (not in the room) emits R
 * broadcasts per second, {@code 42["broadcast","bench","<seq>:<nanos>:<padding>"]}, which the
 * fixture re-emits to the room. Every delivery is timestamped as soon as its frame is read; per
 * broadcast the tool keeps the first and the last arrival (a {@link BroadcastTracker}), so it
 * reports the latency of the <em>last</em> recipient (the time until everyone has it), of the first
 * one, and the spread between them, plus server CPU per delivery.
 *
 * <p>A broadcast due while W are still incomplete is skipped ({@code paced_skipped}), so the rate
 * never bursts to catch up; {@code kept_up} says whether the server delivered the offered rate
 * (when it did not, the latencies measure its backlog of up to W broadcasts).
 */
public final class PacedBroadcastScenario implements WsClient.Listener {
  private final LoadOptions options;
  private final RunControl control = new RunControl();
  private final LoopHistograms delivery = new LoopHistograms();
  private final LoopHistograms last = new LoopHistograms();
  private final LoopHistograms first = new LoopHistograms();
  private final LoopHistograms spread = new LoopHistograms();
  private final AtomicLong delivered = new AtomicLong(); // any event loop
  private final LongAdder joined = new LongAdder(); // any event loop
  private final LongAdder wrongEvents = new LongAdder(); // any event loop
  private final LongAdder stale = new LongAdder(); // any event loop
  private final LongAdder measuredBroadcasts = new LongAdder(); // any event loop
  private final BroadcastTracker tracker;
  private final String padding;
  private final int receivers;
  private long scheduled; // sender's event loop
  private long skipped; // sender's event loop
  private volatile long sent; // written by the sender's event loop only
  private volatile WsClient sender; // set once by the driving thread

  /** A paced broadcast run with {@code options}. */
  public PacedBroadcastScenario(LoadOptions options) {
    this.options = options;
    this.receivers = options.clients();
    this.tracker = new BroadcastTracker(receivers);
    this.padding = BenchProtocol.padding(Math.max(0, options.payloadBytes() - 24));
  }

  /** Runs the scenario; {@code progress} gets a line about once a second. */
  public ScenarioResult run(Consumer<String> progress) {
    ScenarioResult r = new ScenarioResult();
    r.put("scenario", "paced-broadcast").put("clients", receivers);
    r.put("rate", options.broadcastRate()).put("max_in_flight", options.window());
    r.put("payload_bytes", options.payloadBytes()).put("tool_threads", options.threads());
    try (LoadTransport transport =
        new LoadTransport(options.host(), options.port(), options.threads(), options.sources())) {
      ClientPool pool = new ClientPool(this);
      int connected =
          pool.open(
              transport,
              receivers + 1,
              options.connectRate(),
              Duration.ofSeconds(30),
              progress,
              "paced-broadcast connecting");
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
      if (!RunControl.await(() -> joined.sum() == receivers, Duration.ofSeconds(30))) {
        r.put("error", "only " + joined.sum() + " of " + receivers + " joined the room");
        pool.closeAll();
        return r;
      }
      long start = System.nanoTime();
      ScheduledFuture<?> pacer =
          sender
              .channel()
              .eventLoop()
              .scheduleAtFixedRate(() -> pace(start), 0, 1, TimeUnit.MILLISECONDS);
      control.run(options, delivered::get, receivers, progress);
      pacer.cancel(false);
      // the pacer runs on the sender's loop: after this barrier no broadcast starts any more
      sender.channel().eventLoop().submit(() -> {}).awaitUninterruptibly(10, TimeUnit.SECONDS);
      boolean drained =
          RunControl.await(() -> delivered.get() >= sent * receivers, options.drainTimeout());
      transport.onEveryLoop(() -> {});
      control.putWindow(r, "deliveries");
      double seconds = r.number("seconds");
      r.put("broadcasts_per_s", r.number("deliveries") / receivers / seconds);
      // the tool reads the N copies of a broadcast one after the other on its core: this much of
      // the last recipient's latency is the tool's own reading time, for every server alike
      r.put("tool_cpu_ms_per_broadcast", r.number("tool_cpu_us_per_delivery") * receivers / 1000);
      r.put("broadcasts_sent", sent).put("broadcasts_measured", measuredBroadcasts.sum());
      RunControl.putLatency(r, "last", last.merged());
      RunControl.putLatency(r, "first", first.merged());
      RunControl.putLatency(r, "spread", spread.merged());
      RunControl.putLatency(r, "delivery", delivery.merged());
      r.put("delivered", delivered.get()).put("lost", sent * receivers - delivered.get());
      r.put("incomplete_broadcasts", sent - tracker.completed()).put("drained", drained);
      r.put("paced_skipped", skipped).put("stale_deliveries", stale.sum());
      // whether the server delivered what was offered: if not, the latencies measure its queue
      r.put(
          "kept_up",
          skipped == 0 && r.number("broadcasts_per_s") >= 0.95 * options.broadcastRate());
      r.put("wrong_events", wrongEvents.sum());
      if (control.failure() != null) {
        r.put("error", control.failure());
      } else if (measuredBroadcasts.sum() == 0) {
        r.put("error", "no broadcast completed while measuring");
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
    while (scheduled < due) {
      scheduled++;
      long seq = sent;
      if (seq - tracker.completed() >= options.window()
          || !tracker.begin(seq, control.measuring())) {
        skipped++;
        continue;
      }
      sendBroadcast(seq);
      sent = seq + 1;
      wrote = true;
    }
    if (wrote) {
      sender.flush();
    }
  }

  private void sendBroadcast(long seq) {
    WsClient s = sender;
    ByteBuf b = s.channel().alloc().ioBuffer(80 + padding.length());
    b.writeCharSequence(
        "42[\"broadcast\",\"" + BenchProtocol.ROOM + "\",\"", StandardCharsets.US_ASCII);
    BenchProtocol.writeNumber(b, seq);
    b.writeByte(':');
    BenchProtocol.writeNumber(b, System.nanoTime());
    b.writeByte(':');
    b.writeCharSequence(padding, StandardCharsets.US_ASCII);
    b.writeByte('"').writeByte(']');
    s.write(b);
  }

  @Override
  public void onAck(WsClient client, long id, ByteBuf frame, int argsIndex) {
    if (id == 0) {
      joined.increment();
    }
  }

  @Override
  public void onEvent(WsClient client, ByteBuf frame) {
    long now = System.nanoTime(); // first thing once the frame is read
    int r = frame.readerIndex();
    int end = frame.writerIndex();
    byte[] prefix = BenchProtocol.BROADCAST_DELIVERY_PREFIX;
    if (!BenchProtocol.startsWith(frame, r, prefix)) {
      wrongEvents.increment();
      return;
    }
    int at = r + prefix.length;
    long seq = BenchProtocol.readNumber(frame, at, end);
    int colon = BenchProtocol.skipDigits(frame, at, end);
    long sentAt = BenchProtocol.readNumber(frame, colon + 1, end);
    if (seq < 0 || sentAt < 0) {
      wrongEvents.increment();
      return;
    }
    BroadcastTracker.Completion done = tracker.arrived(seq, now);
    if (done == BroadcastTracker.STALE) {
      stale.increment();
      return;
    }
    delivered.incrementAndGet();
    if (tracker.measured(seq)) {
      delivery.current().record(now - sentAt);
    }
    if (done != null && done.measured()) {
      measuredBroadcasts.increment();
      last.current().record(done.last() - sentAt);
      first.current().record(done.first() - sentAt);
      spread.current().record(done.last() - done.first());
    }
  }

  @Override
  public void onClosed(WsClient client, String reason) {
    if (client.connectedNanos() != 0 && !control.draining()) {
      control.fail("client closed while measuring: " + reason);
    }
  }
}
