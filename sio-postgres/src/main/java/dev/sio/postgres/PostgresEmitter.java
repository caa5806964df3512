package dev.sio.postgres;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.postgres.internal.PgConnector;
import dev.sio.postgres.internal.PgPublisher;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends to the clients of a Socket.IO cluster from any process, through PostgreSQL, in the format
 * of {@code @socket.io/postgres-emitter} 0.1 with the top-level {@code nsp} that {@code
 * @socket.io/postgres-adapter} 0.5 needs (the official emitter 0.1.1 omits it, so Node servers
 * drop its messages; Node and Sio servers both accept this one).
 *
 * <pre>{@code
 * try (PostgresEmitter emitter = PostgresEmitter.create(PostgresAdapterOptions.builder()
 *     .url("jdbc:postgresql://127.0.0.1:5432/app").build())) {
 *   emitter.to("room1").except("muted").emit("news", Map.of("title", "hi"));
 *   emitter.of("/admin").socketsJoin("audit");
 * }
 * }</pre>
 *
 * <p>Of the options, the connection, {@code channelPrefix}, {@code tableName}, {@code
 * payloadThreshold}, {@code createTable} and the queue bounds apply. Arguments are converted with
 * Jackson; {@code byte[]} values become binary (sent through the attachments table). Messages are
 * sent in order from one thread on one connection that reconnects by itself; the futures complete
 * once PostgreSQL accepted them. Thread-safe: an emitter and its operators are immutable.
 */
public final class PostgresEmitter extends PostgresEmitterOperator implements AutoCloseable {
  private PostgresEmitter(PgPublisher publisher, PostgresAdapterOptions options) {
    super(publisher, options, "/", Set.of(), Set.of(), JsonNodeFactory.instance.objectNode());
  }

  /**
   * An emitter for the main namespace {@code "/"} with its own connection, opened now (in the
   * background when the database is down).
   *
   * @param options the database, channel prefix, table and queue bounds to use
   * @return the emitter; {@link #close()} it when done
   */
  public static PostgresEmitter create(PostgresAdapterOptions options) {
    PgConnector connector =
        new PgConnector(
            options.url(),
            options.user(),
            options.password(),
            options.applicationName(),
            options.connectTimeout(),
            options.reconnectDelay());
    PgPublisher publisher =
        new PgPublisher(
            connector,
            options.tableName(),
            options.createTable(),
            null,
            options.offlineQueueSize(),
            options.offlineQueueBytes(),
            "emitter");
    publisher.start();
    publisher
        .firstAttempt()
        .completeOnTimeout(null, options.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
        .join();
    return new PostgresEmitter(publisher, options);
  }

  /** {@return true while the connection is up} */
  public boolean isConnected() {
    return publisher.isConnected();
  }

  /** Sends what is queued (for up to 2 s), then closes the connection. */
  @Override
  public void close() {
    publisher.close(Duration.ofSeconds(2));
  }
}
