package dev.sio.postgres.internal;

import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterScheduler;
import dev.sio.postgres.PostgresAdapterOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's connection to PostgreSQL, shared by the adapters of all its namespaces: the LISTEN
 * connection ({@link PgListener}), the publishing connection ({@link PgPublisher}) and one timer
 * thread for the adapters' heartbeats and request timeouts. Each namespace listens on {@code
 * prefix#nsp}; a message is handed to the adapter of its namespace.
 */
public final class PgLink implements ClusterScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(PgLink.class);

  private final PostgresAdapterOptions options;
  private final PgPublisher publisher;
  private final PgListener listener;
  private final ScheduledThreadPoolExecutor timers;
  // Any thread: namespace -> its adapter.
  private final Map<String, PostgresClusterAdapter> adapters = new ConcurrentHashMap<>();

  private PgLink(PostgresAdapterOptions options) {
    this.options = options;
    PgConnector connector =
        new PgConnector(
            options.url(),
            options.user(),
            options.password(),
            options.applicationName(),
            options.connectTimeout(),
            options.reconnectDelay());
    this.publisher =
        new PgPublisher(
            connector,
            options.tableName(),
            options.createTable(),
            options.cleanupInterval(),
            options.offlineQueueSize(),
            options.offlineQueueBytes(),
            "publish");
    this.listener = new PgListener(connector, options.tableName(), this::isOwnUid, this::deliver);
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "sio-postgres-timer");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
  }

  /** Opens the connections in the background. */
  public static PgLink open(PostgresAdapterOptions options) {
    PgLink link = new PgLink(options);
    link.publisher.start();
    link.listener.start();
    return link;
  }

  /** Completes once both connections made their first attempt. */
  public CompletableFuture<Void> firstAttempt() {
    return CompletableFuture.allOf(publisher.firstAttempt(), listener.firstAttempt());
  }

  /** True while both connections are up. */
  public boolean isConnected() {
    return publisher.isConnected() && listener.isConnected();
  }

  /** The publisher, for its counters. */
  public PgPublisher publisher() {
    return publisher;
  }

  /** The listener, for its counters. */
  public PgListener listener() {
    return listener;
  }

  /** Hands messages of {@code adapter}'s namespace to it; completes once its channel listens. */
  public CompletableFuture<Void> register(PostgresClusterAdapter adapter) {
    String nsp = adapter.namespaceName();
    adapters.put(nsp, adapter);
    return listener.listen(PgProtocol.channel(options.channelPrefix(), nsp), nsp);
  }

  /** Stops handing messages to {@code adapter}. */
  public void unregister(PostgresClusterAdapter adapter) {
    String nsp = adapter.namespaceName();
    if (adapters.remove(nsp, adapter)) {
      listener.unlisten(PgProtocol.channel(options.channelPrefix(), nsp));
    }
  }

  /** Queues {@code m} for its namespace's channel, as the Node adapter encodes it. */
  public CompletableFuture<Void> publish(ClusterMessage m) {
    PgCodec.Encoded payload;
    try {
      payload =
          PgCodec.encode(
              m.toNode(), PgCodec.adapterBinaryType(m.type()), options.payloadThreshold());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return publisher.offer(
        new PgPublisher.Item(
            PgProtocol.channel(options.channelPrefix(), m.nsp()),
            m.uid(),
            m.type(),
            payload,
            new CompletableFuture<>()));
  }

  private boolean isOwnUid(String uid) {
    for (PostgresClusterAdapter a : adapters.values()) {
      if (a.uid().equals(uid)) {
        return true;
      }
    }
    return false;
  }

  private void deliver(ClusterMessage m) {
    PostgresClusterAdapter a = adapters.get(m.nsp());
    if (a != null) {
      a.receive(m);
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public ScheduledFuture<?> every(Runnable task, Duration period) {
    return timers.scheduleAtFixedRate(
        task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends what is queued (for up to 2 s), then closes the connections and the timer thread. */
  public void close() {
    publisher.close(Duration.ofSeconds(2));
    listener.close();
    timers.shutdownNow();
    LOG.debug("closed; {} messages sent, {} dropped", publisher.sent(), publisher.dropped());
  }
}
