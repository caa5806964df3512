package dev.sio.redis.internal;

import dev.sio.cluster.ClusterMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream for every namespace of a server, on a dedicated connection: {@code XREAD COUNT n
 * BLOCK ms STREAMS key lastId} in a loop, handing each entry that has an {@code nsp} to that
 * namespace's handler with the entry id as its offset. After an error (Redis restarting) it waits a
 * second and reads on from the last id it saw, so no entry is lost while the stream keeps it.
 */
public final class StreamReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
  private static final Duration RETRY = Duration.ofMillis(100);

  private final RedisLink link;
  private final byte[] key;
  private final XReadArgs args;
  private final String streamName;
  // Set once when the dedicated connection is made (any thread reads).
  private volatile LinkConnection connection;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  // Any thread: namespace -> handler of its entries (fields, entry id).
  private final Map<String, BiConsumer<ClusterMessage, String>> handlers =
      new ConcurrentHashMap<>();
  // Lettuce's I/O thread (the read loop) writes; any thread reads.
  private volatile String lastId;
  // Any thread.
  private volatile boolean closed;
  // Read loop only: whether the current outage was already logged.
  private boolean failing;

  /** A reader of stream {@code streamName}; call {@link #start()}. */
  public StreamReader(RedisLink link, String streamName, int readCount, Duration block) {
    this.link = link;
    this.streamName = streamName;
    this.key = RedisLink.bytes(streamName);
    this.args = XReadArgs.Builder.block(block).count(readCount);
  }

  /** The stream's key. */
  public String streamName() {
    return streamName;
  }

  /**
   * Starts reading after the newest entry present when Redis first answers (at once when it is up;
   * once it is reachable otherwise).
   *
   * @return completes once the starting point is known
   */
  public CompletableFuture<Void> start() {
    link.dedicated()
        .whenComplete(
            (c, e) -> {
              if (e != null) {
                started.completeExceptionally(e);
              } else if (closed) {
                c.closeAsync();
              } else {
                connection = c;
                findStart();
              }
            });
    return started;
  }

  private void findStart() {
    if (closed) {
      return;
    }
    connection
        .async()
        .xrevrange(key, Range.unbounded(), Limit.from(1))
        .whenComplete(
            (newest, e) -> {
              if (e != null) {
                LOG.debug("finding the end of stream {} failed, retrying: {}", streamName, e);
                link.schedule(this::findStart, RETRY);
                return;
              }
              lastId = newest.isEmpty() ? "0-0" : newest.get(0).getId();
              started.complete(null);
              poll();
            });
  }

  /** Hands the entries of namespace {@code nsp} to {@code handler}. */
  public void register(String nsp, BiConsumer<ClusterMessage, String> handler) {
    handlers.put(nsp, handler);
  }

  /** Stops handing entries of {@code nsp}. */
  public void unregister(String nsp) {
    handlers.remove(nsp);
  }

  /** The id of the newest entry read, or {@code null} before the first read. */
  public String lastId() {
    return lastId;
  }

  @SuppressWarnings("unchecked")
  private void poll() {
    if (closed) {
      return;
    }
    connection
        .async()
        .xread(args, XReadArgs.StreamOffset.from(key, lastId))
        .whenComplete(
            (entries, error) -> {
              if (error != null) {
                if (!closed && !link.isClosed()) {
                  if (!failing) {
                    failing = true;
                    LOG.warn("reading the Redis stream failed, retrying: {}", error.toString());
                  }
                  link.schedule(this::poll, RETRY);
                }
                return;
              }
              if (failing) {
                failing = false;
                LOG.info("reading the Redis stream again from {}", lastId);
              }
              if (entries != null) {
                handle(entries);
              }
              poll();
            });
  }

  private void handle(List<StreamMessage<byte[], byte[]>> entries) {
    for (StreamMessage<byte[], byte[]> entry : entries) {
      lastId = entry.getId();
      Map<String, String> fields = ClusterCodec.utf8Fields(entry.getBody());
      String nsp = fields.get("nsp");
      BiConsumer<ClusterMessage, String> handler = nsp == null ? null : handlers.get(nsp);
      if (handler == null) {
        continue;
      }
      try {
        handler.accept(ClusterCodec.decodeEntry(fields), entry.getId());
      } catch (RuntimeException e) {
        LOG.debug("ignoring stream entry {}: {}", entry.getId(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LinkConnection c = connection;
    if (c != null) {
      c.closeAsync();
    }
  }
}
