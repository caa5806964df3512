package dev.sio.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.cluster.ClusterMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated LISTEN connection, read by its own thread (never an event loop): it waits for
 * notifications with pgjdbc's {@code getNotifications(timeout)}, reads the attachments they point
 * to on the same connection (so messages are handed on in the order they were notified), and hands
 * each message to {@code sink}. A lost connection is opened again after Node's jittered delay and
 * every channel listened to again; what was notified meanwhile is not seen (LISTEN/NOTIFY keeps
 * nothing for an absent listener).
 */
public final class PgListener {
  private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
  private static final int POLL_MILLIS = 250;

  private final PgConnector connector;
  private final String table;
  private final Predicate<String> isOwnUid;
  private final Consumer<ClusterMessage> sink;
  private final Thread thread;
  // Any thread: channel -> namespace, and whether LISTEN is done on the current connection.
  private final Map<String, String> channels = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> listening = new ConcurrentHashMap<>();
  private final Set<String> toUnlisten = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean connected; // written by the thread
  private Connection conn; // listener thread only

  /** A listener handing messages to {@code sink}; {@link #start()} starts its thread. */
  public PgListener(
      PgConnector connector,
      String table,
      Predicate<String> isOwnUid,
      Consumer<ClusterMessage> sink) {
    this.connector = connector;
    this.table = table;
    this.isOwnUid = isOwnUid;
    this.sink = sink;
    this.thread = new Thread(this::run, "sio-postgres-listen");
    this.thread.setDaemon(true);
  }

  /** Starts the thread, which connects at once. */
  public void start() {
    thread.start();
  }

  /** Completes after the first connection attempt, whether it worked or not. */
  public CompletableFuture<Void> firstAttempt() {
    return firstAttempt;
  }

  /** True while the connection is up. */
  public boolean isConnected() {
    return connected;
  }

  /** Messages handed on. */
  public long received() {
    return received.get();
  }

  /** Successful connections so far. */
  public long connects() {
    return connects.get();
  }

  /**
   * Listens on {@code channel} for namespace {@code nsp}; completes once LISTEN is done on the
   * current connection (or, while disconnected, once a new connection listens).
   */
  public CompletableFuture<Void> listen(String channel, String nsp) {
    toUnlisten.remove(channel);
    channels.put(channel, nsp);
    return listening.computeIfAbsent(channel, c -> new CompletableFuture<>());
  }

  /** Stops listening on {@code channel}. */
  public void unlisten(String channel) {
    channels.remove(channel);
    CompletableFuture<Void> f = listening.remove(channel);
    if (f != null) {
      f.complete(null);
    }
    toUnlisten.add(channel);
  }

  /** Stops the thread and closes the connection. */
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listening.values().forEach(f -> f.complete(null));
  }

  // ---- the listener thread ----------------------------------------------------------------------

  private void run() {
    try {
      while (!closed) {
        try {
          conn = connector.open("listen");
          Set<String> now = Set.copyOf(channels.keySet());
          for (String channel : now) {
            execute(PgProtocol.listen(channel));
          }
          connected = true;
          connects.incrementAndGet();
          LOG.info("[listen] connected to {}, {} channels", connector.where(), now.size());
          for (String channel : now) {
            CompletableFuture<Void> f = listening.get(channel);
            if (f != null) {
              f.complete(null);
            }
          }
          firstAttempt.complete(null);
          poll();
        } catch (SQLException e) {
          if (!closed) {
            LOG.warn(
                "[listen] connection to {} lost or refused: {}", connector.where(), e.getMessage());
          }
        } finally {
          connected = false;
          firstAttempt.complete(null);
          PgConnector.closeQuietly(conn);
          conn = null;
          // a channel added from now on waits for the next connection
          listening.replaceAll((c, f) -> f.isDone() ? new CompletableFuture<>() : f);
        }
        if (!closed) {
          Thread.sleep(connector.nextDelayMillis());
        }
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  private void poll() throws SQLException, InterruptedException {
    PGConnection pg = conn.unwrap(PGConnection.class);
    while (!closed) {
      applyChanges();
      PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (notes == null) {
        continue;
      }
      for (PGNotification n : notes) {
        handle(n.getName(), n.getParameter());
      }
    }
  }

  private void applyChanges() throws SQLException {
    for (String channel : toUnlisten) {
      if (!channels.containsKey(channel)) {
        execute(PgProtocol.unlisten(channel));
      }
      toUnlisten.remove(channel);
    }
    for (Map.Entry<String, CompletableFuture<Void>> e : listening.entrySet()) {
      if (!e.getValue().isDone()) {
        execute(PgProtocol.listen(e.getKey()));
        e.getValue().complete(null);
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  private void handle(String channel, String payload) throws SQLException {
    String nsp = channels.get(channel);
    if (nsp == null) {
      return;
    }
    ClusterMessage m;
    try {
      JsonNode note = PgCodec.parseNotification(payload);
      JsonNode uid = note.get("uid");
      if (uid != null && uid.isTextual() && isOwnUid.test(uid.textValue())) {
        return; // our own message (an attachment's header has no nsp, so check before reading it)
      }
      long id = PgCodec.attachmentId(note);
      JsonNode full = id < 0 ? note : attachment(id);
      if (full == null) {
        LOG.debug("[listen] attachment {} not found (deleted?)", id);
        return;
      }
      m = PgCodec.message(full, nsp);
    } catch (IllegalArgumentException e) {
      LOG.debug("[listen] invalid message on {}: {}", channel, e.getMessage());
      return;
    }
    received.incrementAndGet();
    try {
      sink.accept(m);
    } catch (RuntimeException e) {
      LOG.warn("[listen] handling message type {} failed: {}", m.type(), e.toString());
    }
  }

  private JsonNode attachment(long id) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement(PgProtocol.select(table))) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? PgCodec.decodeAttachment(rs.getBytes(1)) : null;
      }
    } catch (SQLException e) {
      if (PgConnector.isConnectionLost(e)) {
        throw e;
      }
      LOG.warn("[listen] reading attachment {} failed: {}", id, e.getMessage());
      return null;
    }
  }
}
