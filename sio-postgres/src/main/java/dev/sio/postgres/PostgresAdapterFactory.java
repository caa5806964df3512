package dev.sio.postgres;

import dev.sio.postgres.internal.PgLink;
import dev.sio.postgres.internal.PostgresClusterAdapter;
import dev.sio.server.Adapter;
import dev.sio.server.AdapterFactory;
import dev.sio.server.Namespace;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the PostgreSQL adapter of each namespace of one server, wire-compatible with {@code
 * createAdapter} of {@code @socket.io/postgres-adapter} 0.5 so that Java and Node servers share a
 * cluster: messages go through {@code LISTEN}/{@code NOTIFY} on {@code prefix#nsp}, those with
 * binary or longer than {@link PostgresAdapterOptions#payloadThreshold()} through the attachments
 * table, and servers know each other by heartbeats.
 *
 * <pre>{@code
 * var postgres = PostgresAdapterFactory.create(PostgresAdapterOptions.builder()
 *     .url("jdbc:postgresql://127.0.0.1:5432/app").user("app").build());
 * var io = SocketIoServer.create(ServerOptions.builder().adapter(postgres).build());
 * // ... io.close() closes the adapters, then the factory and its connections
 * }</pre>
 *
 * <p>A factory holds two connections (pgjdbc): one that only listens, read by its own thread, and
 * one that publishes from its own thread, so no event loop ever waits for the database. Both
 * reconnect by themselves after {@link PostgresAdapterOptions#reconnectDelay()}. What is published
 * while the database is unreachable waits in a bounded queue and is sent once it is back ({@link
 * PostgresAdapterOptions#offlineQueueSize()}); what other servers publish while this server's
 * listening connection is down is not seen by it (NOTIFY keeps nothing for an absent listener).
 */
public final class PostgresAdapterFactory implements AdapterFactory, AutoCloseable {
  private final PostgresAdapterOptions options;
  private final PgLink link;
  private final AtomicBoolean closed = new AtomicBoolean(); // set once by the first close()

  private PostgresAdapterFactory(PostgresAdapterOptions options) {
    this.options = options;
    this.link = PgLink.open(options);
    // Return connected when the database is up; when not, after the first attempts failed.
    link.firstAttempt()
        .completeOnTimeout(null, options.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
        .join();
  }

  /**
   * A factory whose connections open now, in the background when the database is down.
   *
   * @param options the database, channels, table, timings and queue bounds of the adapters
   * @return the factory; {@link #close()} it when the server stops
   */
  public static PostgresAdapterFactory create(PostgresAdapterOptions options) {
    return new PostgresAdapterFactory(options);
  }

  @Override
  public Adapter create(Namespace namespace) {
    if (closed.get()) {
      throw new IllegalStateException("the PostgreSQL adapter factory is closed");
    }
    return new PostgresClusterAdapter(namespace, link, options);
  }

  /** {@return true while both connections are up} */
  public boolean isConnected() {
    return link.isConnected();
  }

  /** {@return the options} */
  public PostgresAdapterOptions options() {
    return options;
  }

  /** Sends what is queued (for up to 2 s), then closes the connections; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      link.close();
    }
  }
}
