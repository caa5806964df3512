package dev.sio.postgres.internal;

import dev.sio.postgres.PostgresAdapterException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes messages on one dedicated connection from its own thread, never an event loop: a
 * bounded queue in front (at most {@code maxMessages} messages and {@code maxBytes} bytes wait;
 * over a bound a message is refused and its future fails, except the one that finds the connection
 * up and nothing waiting), sent in order. While the database is unreachable the messages wait there
 * (the offline queue) and the thread reconnects with Node's jittered delay; a statement that failed
 * because the connection was lost is sent again on the next connection (at least once: a
 * notification the server had already sent may come twice). The same thread creates the table when
 * asked and deletes old attachments every cleanup interval.
 */
public final class PgPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(PgPublisher.class);

  /** One message to send on {@code channel}. */
  public record Item(
      String channel,
      String uid,
      int type,
      PgCodec.Encoded payload,
      CompletableFuture<Void> done) {}

  private final PgConnector connector;
  private final String table;
  private final boolean createTable;
  private final Duration cleanupInterval; // null: no cleanup
  private final int maxMessages;
  private final long maxBytes;
  private final String role;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Item> queue = new ArrayDeque<>(); // guarded by lock
  private long bytes; // guarded by lock
  private boolean closing; // guarded by lock
  private boolean warned; // guarded by lock: a drop was logged during the current backlog
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private volatile boolean connected; // written by the thread
  private Connection conn; // publisher thread only
  private PreparedStatement notify; // publisher thread only: NOTIFY on conn, reused
  private long nextCleanup; // publisher thread only: System.nanoTime()

  /**
   * A publisher; {@link #start()} starts its thread.
   *
   * @param cleanupInterval how often to delete attachments older than it, or {@code null}
   */
  public PgPublisher(
      PgConnector connector,
      String table,
      boolean createTable,
      Duration cleanupInterval,
      int maxMessages,
      long maxBytes,
      String role) {
    this.connector = connector;
    this.table = table;
    this.createTable = createTable;
    this.cleanupInterval = cleanupInterval;
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
    this.role = role;
    this.thread = new Thread(this::run, "sio-postgres-" + role);
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

  /** Messages refused because the queue was full (or the publisher closed). */
  public long dropped() {
    return dropped.get();
  }

  /** Messages sent. */
  public long sent() {
    return sent.get();
  }

  /** Successful connections so far. */
  public long connects() {
    return connects.get();
  }

  /** Messages waiting. */
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code item}; its future completes once it is sent, or fails when it is refused.
   *
   * @return its future
   */
  public CompletableFuture<Void> offer(Item item) {
    int size = item.payload().bytes();
    lock.lock();
    try {
      if (closing) {
        dropped.incrementAndGet();
        item.done().completeExceptionally(new IllegalStateException("the publisher is closed"));
        return item.done();
      }
      boolean overBound = queue.size() >= maxMessages || bytes + size > maxBytes;
      // a bound of 0 (or one message over the byte bound) still lets a message through while the
      // connection is up and nothing waits: the bounds are for what waits
      if (overBound && !(connected && queue.isEmpty())) {
        dropped.incrementAndGet();
        if (!warned) {
          warned = true;
          LOG.warn(
              "[{}] publish queue full ({} messages, {} bytes; {} at {}): dropping messages",
              role,
              queue.size(),
              bytes,
              connected ? "connected" : "disconnected",
              connector.where());
        }
        item.done()
            .completeExceptionally(
                new PostgresAdapterException(
                    "publish queue full ("
                        + maxMessages
                        + " messages / "
                        + maxBytes
                        + " bytes) while PostgreSQL at "
                        + connector.where()
                        + (connected ? " is slow" : " is unreachable"),
                    null));
        return item.done();
      }
      queue.addLast(item);
      bytes += size;
      changed.signal();
    } finally {
      lock.unlock();
    }
    return item.done();
  }

  /**
   * Sends what is queued for up to {@code grace}, then stops the thread and closes the connection;
   * what is left fails.
   */
  public void close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
      while (!queue.isEmpty() && connected && System.nanoTime() < deadline) {
        changed.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
    try {
      thread.join(Math.max(1000, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Item> left = new ArrayList<>();
    lock.lock();
    try {
      left.addAll(queue);
      queue.clear();
      bytes = 0;
    } finally {
      lock.unlock();
    }
    for (Item i : left) {
      i.done().completeExceptionally(new IllegalStateException("the publisher is closed"));
    }
  }

  // ---- the publisher thread ---------------------------------------------------------------------

  private void run() {
    try {
      while (true) {
        if (conn == null && !connect()) {
          if (!sleep(connector.nextDelayMillis())) {
            return;
          }
          continue;
        }
        Item item = next();
        if (item == null) {
          if (isClosing() || Thread.currentThread().isInterrupted()) {
            return;
          }
          cleanupIfDue();
          continue;
        }
        try {
          send(item);
          remove(item);
          sent.incrementAndGet();
          item.done().complete(null);
        } catch (SQLException e) {
          if (PgConnector.isConnectionLost(e)) {
            LOG.warn("[{}] connection to {} lost: {}", role, connector.where(), e.getMessage());
            disconnect(); // the item stays first in the queue and is sent again
          } else {
            remove(item);
            LOG.warn(
                "[{}] publishing message type {} failed: {}", role, item.type(), e.getMessage());
            item.done()
                .completeExceptionally(
                    new PostgresAdapterException(
                        "publishing to " + connector.where() + " failed: " + e.getMessage(), e));
          }
        }
      }
    } catch (InterruptedException e) {
      // closing
    } finally {
      disconnect();
      firstAttempt.complete(null);
    }
  }

  private boolean connect() {
    try {
      Connection c = connector.open(role);
      if (createTable) {
        try (Statement s = c.createStatement()) {
          s.execute(PgProtocol.createTable(table));
        } catch (SQLException e) {
          if (PgConnector.isConnectionLost(e)) {
            PgConnector.closeQuietly(c);
            throw e;
          }
          // two nodes creating the table at once: one of them gets a unique violation
          LOG.debug("[{}] creating table {}: {}", role, table, e.getMessage());
        }
      }
      conn = c;
      connected = true;
      connects.incrementAndGet();
      if (cleanupInterval != null) {
        nextCleanup = System.nanoTime() + cleanupInterval.toNanos();
      }
      LOG.info("[{}] connected to {}", role, connector.where());
      return true;
    } catch (SQLException e) {
      LOG.warn("[{}] cannot connect to {}: {}", role, connector.where(), e.getMessage());
      return false;
    } finally {
      firstAttempt.complete(null);
    }
  }

  private void disconnect() {
    connected = false;
    notify = null; // closed with its connection
    PgConnector.closeQuietly(conn);
    conn = null;
  }

  /** The first queued item (left in the queue), or null after waiting until cleanup is due. */
  private Item next() throws InterruptedException {
    lock.lock();
    try {
      long waitNanos =
          cleanupInterval == null
              ? TimeUnit.SECONDS.toNanos(1)
              : Math.max(0, nextCleanup - System.nanoTime());
      while (queue.isEmpty() && !closing && waitNanos > 0) {
        waitNanos = changed.awaitNanos(waitNanos);
      }
      return queue.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosing() {
    lock.lock();
    try {
      return closing && queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private void remove(Item item) {
    lock.lock();
    try {
      if (queue.peekFirst() == item) {
        queue.pollFirst();
        bytes -= item.payload().bytes();
        if (queue.isEmpty()) {
          warned = false;
        }
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void send(Item item) throws SQLException {
    byte[] json = item.payload().json();
    if (json == null) {
      long id;
      try (PreparedStatement insert = conn.prepareStatement(PgProtocol.insert(table))) {
        insert.setBytes(1, item.payload().attachment());
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      json = PgCodec.header(item.uid(), item.type(), id);
    }
    if (notify == null) {
      notify = conn.prepareStatement(PgProtocol.NOTIFY);
    }
    notify.setString(1, item.channel());
    notify.setString(2, new String(json, StandardCharsets.UTF_8));
    notify.execute();
  }

  private void cleanupIfDue() {
    if (cleanupInterval == null || System.nanoTime() < nextCleanup) {
      return;
    }
    nextCleanup = System.nanoTime() + cleanupInterval.toNanos();
    try (Statement s = conn.createStatement()) {
      int n = s.executeUpdate(PgProtocol.cleanup(table, cleanupInterval.toMillis()));
      LOG.debug("[{}] removed {} old attachments", role, n);
    } catch (SQLException e) {
      LOG.warn("[{}] removing old attachments failed: {}", role, e.getMessage());
      if (PgConnector.isConnectionLost(e)) {
        disconnect();
      }
    }
  }

  /** Sleeps unless closing; false when the thread should stop. */
  private boolean sleep(long millis) throws InterruptedException {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      while (!closing && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      return !closing;
    } finally {
      lock.unlock();
    }
  }
}
