package dev.sio.micrometer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.EngineSocket;
import dev.sio.server.Instrumentation;
import dev.sio.server.Namespace;
import dev.sio.server.Socket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Instrumentation} behind {@code SioMetrics}: meters looked up once per namespace,
 * transport or reason and kept, so that a hook costs a map read and an increment.
 */
public final class MetricsObserver implements Instrumentation {
  /** The tag value shared by the namespaces past the limit. */
  public static final String OTHER = "_other";

  private final MeterRegistry registry;
  private final Tags tags;
  private final int maxNamespaceTags;
  // Any thread: meters by namespace tag value; at most maxNamespaceTags + 1 entries.
  private final Map<String, NamespaceMeters> byNamespace = new ConcurrentHashMap<>();
  // Any thread: open sessions by transport; "polling" and "websocket" only.
  private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
  // Any thread: the open sessions, for the buffered-bytes gauges (read at scrape time).
  private final java.util.Set<EngineSocket> open = ConcurrentHashMap.newKeySet();
  // Any thread: counters by transport or reason; bounded by the engine's fixed names.
  private final Map<String, Counter> opened = new ConcurrentHashMap<>();
  private final Map<String, Counter> closed = new ConcurrentHashMap<>();
  private final Map<String, Counter> upgrades = new ConcurrentHashMap<>();
  private final Counter messagesIn;
  private final Counter messagesOut;
  private final Counter bytesIn;
  private final Counter bytesOut;

  /** Meters in {@code registry}, each with {@code tags}. */
  public MetricsObserver(MeterRegistry registry, Tags tags, int maxNamespaceTags) {
    this.registry = registry;
    this.tags = tags;
    this.maxNamespaceTags = maxNamespaceTags;
    this.messagesIn = counter("sio.messages.received", "Engine.IO messages received", null, tags);
    this.messagesOut = counter("sio.messages.sent", "Engine.IO messages sent", null, tags);
    this.bytesIn = counter("sio.bytes.received", "payload bytes received", "bytes", tags);
    this.bytesOut = counter("sio.bytes.sent", "payload bytes sent", "bytes", tags);
    for (String transport : List.of("polling", "websocket")) {
      sessionsOf(transport);
    }
    Gauge.builder("sio.engine.buffered", open, MetricsObserver::totalBuffered)
        .description("bytes queued for all open sessions, not yet written to their sockets")
        .baseUnit("bytes")
        .tags(tags)
        .register(registry);
    Gauge.builder("sio.engine.buffered.max", open, MetricsObserver::maxBuffered)
        .description("bytes queued for the open session that holds the most (see maxBufferedBytes)")
        .baseUnit("bytes")
        .tags(tags)
        .register(registry);
  }

  private static double totalBuffered(java.util.Set<EngineSocket> sessions) {
    long total = 0;
    for (EngineSocket s : sessions) {
      total += s.bufferedBytes();
    }
    return total;
  }

  private static double maxBuffered(java.util.Set<EngineSocket> sessions) {
    long max = 0;
    for (EngineSocket s : sessions) {
      max = Math.max(max, s.bufferedBytes());
    }
    return max;
  }

  private Counter counter(String name, String description, String unit, Tags tags) {
    return Counter.builder(name)
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }

  /** Registers the gauges of a new namespace. */
  public void namespaceCreated(Namespace nsp) {
    meters(nsp);
    String tag = tagOf(nsp.name());
    if (tag.equals(OTHER)) {
      return; // the gauges of one namespace cannot be summed across others
    }
    Tags t = tags.and("namespace", tag);
    Gauge.builder("sio.sockets.connected", nsp, n -> n.sockets().size())
        .description("sockets connected now")
        .tags(t)
        .register(registry);
    Gauge.builder("sio.rooms", nsp, n -> n.adapter().rooms().size())
        .description("rooms holding a local socket (socket ids included)")
        .tags(t)
        .register(registry);
  }

  /**
   * The namespace's own tag value while fewer than the limit are taken (about: racing first uses
   * may pass it by the number of threads), {@link #OTHER} after.
   */
  private String tagOf(String namespace) {
    if (byNamespace.containsKey(namespace) || byNamespace.size() < maxNamespaceTags) {
      return namespace;
    }
    return OTHER;
  }

  private NamespaceMeters meters(Namespace nsp) {
    NamespaceMeters m = byNamespace.get(nsp.name());
    if (m != null) {
      return m;
    }
    String tag = tagOf(nsp.name());
    return byNamespace.computeIfAbsent(
        tag, t -> new NamespaceMeters(registry, tags.and("namespace", t)));
  }

  private AtomicInteger sessionsOf(String transport) {
    return sessions.computeIfAbsent(
        transport,
        t -> {
          AtomicInteger count = new AtomicInteger();
          Gauge.builder("sio.engine.sessions", count, AtomicInteger::get)
              .description("Engine.IO sessions open now")
              .tags(tags.and("transport", t))
              .register(registry);
          return count;
        });
  }

  @Override
  public void sessionOpened(EngineSocket session) {
    open.add(session);
    // the counter first: whoever sees the gauge move also sees the count (any thread reads both)
    opened
        .computeIfAbsent(
            session.transport(),
            t ->
                counter(
                    "sio.engine.sessions.opened",
                    "Engine.IO sessions opened",
                    null,
                    tags.and("transport", t)))
        .increment();
    sessionsOf(session.transport()).incrementAndGet();
  }

  @Override
  public void sessionUpgraded(EngineSocket session, String transport) {
    sessionsOf("polling").decrementAndGet();
    sessionsOf(transport).incrementAndGet();
    upgrades
        .computeIfAbsent(
            transport,
            t ->
                counter(
                    "sio.engine.upgrades", "transport upgrades", null, tags.and("transport", t)))
        .increment();
  }

  @Override
  public void sessionClosed(EngineSocket session, String reason) {
    open.remove(session);
    closed
        .computeIfAbsent(
            reason,
            r ->
                counter(
                    "sio.engine.sessions.closed",
                    "Engine.IO sessions closed",
                    null,
                    tags.and("reason", r)))
        .increment();
    sessionsOf(session.transport()).decrementAndGet(); // after the count, as in sessionOpened
  }

  @Override
  public void bytesReceived(EngineSocket session, int bytes) {
    messagesIn.increment();
    bytesIn.increment(bytes);
  }

  @Override
  public void bytesSent(EngineSocket session, int bytes) {
    messagesOut.increment();
    bytesOut.increment(bytes);
  }

  @Override
  public void socketConnected(Socket socket) {
    meters(socket.namespace()).connections.increment();
  }

  @Override
  public void socketDisconnected(Socket socket, String reason) {
    meters(socket.namespace()).disconnection(reason).increment();
  }

  @Override
  public void eventReceived(Socket socket, String event, List<JsonNode> args) {
    meters(socket.namespace()).eventsIn.increment();
  }

  @Override
  public void eventSent(Socket socket, JsonNode data) {
    meters(socket.namespace()).eventsOut.increment();
  }

  @Override
  public void ackReceived(Socket socket, long nanos) {
    meters(socket.namespace()).ackTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void ackTimedOut(Socket socket) {
    meters(socket.namespace()).ackTimeouts.increment();
  }

  @Override
  public void broadcastSent(Namespace nsp, int recipients) {
    meters(nsp).fanOut.record(recipients);
  }

  @Override
  public void adapterRequest(Namespace nsp, String type) {
    meters(nsp).request("sio.adapter.requests", "requests to the other servers", type).increment();
  }

  @Override
  public void adapterRequestTimedOut(Namespace nsp, String type) {
    meters(nsp)
        .request("sio.adapter.request.timeouts", "requests not fully answered in time", type)
        .increment();
  }

  /** The meters of one namespace tag value. */
  private static final class NamespaceMeters {
    private final MeterRegistry registry;
    private final Tags tags;
    final Counter connections;
    final Counter eventsIn;
    final Counter eventsOut;
    final Timer ackTime;
    final Counter ackTimeouts;
    final DistributionSummary fanOut;
    // Any thread: disconnection counters by reason (Node's fixed set of reasons).
    private final Map<String, Counter> disconnections = new ConcurrentHashMap<>();

    NamespaceMeters(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      connections =
          Counter.builder("sio.sockets.connections")
              .description("sockets that joined")
              .tags(tags)
              .register(registry);
      eventsIn =
          Counter.builder("sio.events.received")
              .description("events received")
              .tags(tags)
              .register(registry);
      eventsOut =
          Counter.builder("sio.events.sent")
              .description("events sent, per recipient")
              .tags(tags)
              .register(registry);
      ackTime =
          Timer.builder("sio.ack.duration")
              .description("time from an event to the client's acknowledgement")
              .tags(tags)
              .register(registry);
      ackTimeouts =
          Counter.builder("sio.ack.timeouts")
              .description("acknowledgements not received in time")
              .tags(tags)
              .register(registry);
      fanOut =
          DistributionSummary.builder("sio.broadcast.recipients")
              .description("local sockets reached per broadcast")
              .tags(tags)
              .register(registry);
    }

    // Any thread: request counters by "name|type" (two names, two types).
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    Counter request(String name, String description, String type) {
      return requests.computeIfAbsent(
          name + "|" + type,
          k ->
              Counter.builder(name)
                  .description(description)
                  .tags(tags.and("type", type))
                  .register(registry));
    }

    Counter disconnection(String reason) {
      return disconnections.computeIfAbsent(
          reason,
          r ->
              Counter.builder("sio.sockets.disconnections")
                  .description("sockets that left, by reason")
                  .tags(tags.and("reason", r))
                  .register(registry));
    }
  }
}
