package dev.sio.micrometer;

import dev.sio.micrometer.internal.MetricsObserver;
import dev.sio.server.SocketIoServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Micrometer meters of a {@link SocketIoServer}, named and tagged by Micrometer's conventions
 * (dotted lower-case names, base units; a Prometheus registry shows {@code sio.events.received} as
 * {@code sio_events_received_total}):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>sio.sockets.connected</td><td>gauge</td><td>namespace</td><td>sockets connected now</td></tr>
 *   <tr><td>sio.rooms</td><td>gauge</td><td>namespace</td><td>rooms with a local socket</td></tr>
 *   <tr><td>sio.sockets.connections</td><td>counter</td><td>namespace</td><td>sockets that joined</td></tr>
 *   <tr><td>sio.sockets.disconnections</td><td>counter</td><td>namespace, reason</td><td>sockets
 *       that left, by Node's reason</td></tr>
 *   <tr><td>sio.engine.sessions</td><td>gauge</td><td>transport</td><td>Engine.IO sessions open
 *       now</td></tr>
 *   <tr><td>sio.engine.sessions.opened</td><td>counter</td><td>transport</td><td>sessions
 *       opened</td></tr>
 *   <tr><td>sio.engine.sessions.closed</td><td>counter</td><td>reason</td><td>sessions closed</td></tr>
 *   <tr><td>sio.engine.buffered</td><td>gauge</td><td></td><td>bytes queued for all sessions
 *       (write buffers and connections)</td></tr>
 *   <tr><td>sio.engine.buffered.max</td><td>gauge</td><td></td><td>bytes queued for the session
 *       holding the most (bounded by {@code maxBufferedBytes})</td></tr>
 *   <tr><td>sio.engine.upgrades</td><td>counter</td><td>transport</td><td>upgrades done</td></tr>
 *   <tr><td>sio.events.received / sio.events.sent</td><td>counter</td><td>namespace</td><td>events
 *       (a broadcast counts once per recipient)</td></tr>
 *   <tr><td>sio.messages.received / sio.messages.sent</td><td>counter</td><td></td><td>Engine.IO
 *       messages carrying Socket.IO packets</td></tr>
 *   <tr><td>sio.bytes.received / sio.bytes.sent</td><td>counter (bytes)</td><td></td><td>their
 *       payload bytes, before Engine.IO framing</td></tr>
 *   <tr><td>sio.ack.duration</td><td>timer</td><td>namespace</td><td>time from an event to the
 *       client's acknowledgement</td></tr>
 *   <tr><td>sio.ack.timeouts</td><td>counter</td><td>namespace</td><td>acknowledgements not
 *       received in time</td></tr>
 *   <tr><td>sio.broadcast.recipients</td><td>distribution summary</td><td>namespace</td><td>local
 *       sockets reached per broadcast</td></tr>
 *   <tr><td>sio.adapter.requests / sio.adapter.request.timeouts</td><td>counter</td><td>namespace,
 *       type</td><td>a cluster adapter's requests to the other servers ({@code fetchSockets},
 *       {@code serverSideEmitWithAck}) and those not fully answered in time</td></tr>
 *   <tr><td>sio.adapter.link.up</td><td>gauge</td><td>adapter</td><td>1 while a cluster
 *       adapter's link to its broker is up ({@link Builder#adapterLink})</td></tr>
 * </table>
 *
 * <pre>{@code
 * SioMetrics.bind(io, registry);
 * }</pre>
 *
 * <p>The {@code namespace} tag takes at most {@link Builder#maxNamespaceTags} values (default 100);
 * the namespaces beyond share the value {@code "_other"}, so that dynamic namespaces cannot grow
 * the registry without bound.
 */
public final class SioMetrics {
  private SioMetrics() {}

  /**
   * Registers the meters of {@code io} with {@code registry}, with the defaults.
   *
   * @param io the server
   * @param registry the meter registry
   */
  public static void bind(SocketIoServer io, MeterRegistry registry) {
    builder(registry).bind(io);
  }

  /**
   * {@return a builder of the binding to {@code registry}}
   *
   * @param registry a builder of the binding to {@code registry}
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** Options of the binding. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags tags = Tags.empty();
    private int maxNamespaceTags = 100;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Tags added to every meter (for example {@code server=a}).
     *
     * @param tags tags added to every meter (for example {@code server=a})
     * @return this builder
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = Tags.of(tags);
      return this;
    }

    /**
     * Adds the gauge {@code sio.adapter.link.up{adapter=name}}: 1 while {@code up} says so, else 0
     * (for example {@code adapterLink("redis", redisFactory::isConnected)}).
     *
     * @param name the {@code adapter} tag
     * @param up whether the link is up, read at each scrape
     * @return this builder
     */
    public Builder adapterLink(String name, java.util.function.BooleanSupplier up) {
      Objects.requireNonNull(up, "up");
      io.micrometer.core.instrument.Gauge.builder(
              "sio.adapter.link.up", up, u -> u.getAsBoolean() ? 1 : 0)
          .description("1 while the cluster adapter's link is up")
          .tags(tags.and("adapter", Objects.requireNonNull(name, "name")))
          .register(registry);
      return this;
    }

    /**
     * The most distinct values of the {@code namespace} tag; more share {@code "_other"}.
     *
     * @param maxNamespaceTags the most distinct values of the {@code namespace} tag; more share
     *     {@code "_other"}
     * @return this builder
     */
    public Builder maxNamespaceTags(int maxNamespaceTags) {
      this.maxNamespaceTags = maxNamespaceTags;
      return this;
    }

    /**
     * Registers the meters of {@code io}. Call before {@link SocketIoServer#start()} to count every
     * connection.
     *
     * @param io the server to observe
     * @throws IllegalArgumentException when {@code maxNamespaceTags} is not positive
     */
    public void bind(SocketIoServer io) {
      if (maxNamespaceTags <= 0) {
        throw new IllegalArgumentException(
            "maxNamespaceTags must be positive, got " + maxNamespaceTags);
      }
      MetricsObserver observer = new MetricsObserver(registry, tags, maxNamespaceTags);
      io.onNewNamespace(observer::namespaceCreated);
      for (String name : io.namespaceNames()) {
        observer.namespaceCreated(io.of(name));
      }
      io.instrument(observer);
    }
  }
}
