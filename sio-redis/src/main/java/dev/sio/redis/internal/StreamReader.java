package dev.sio.redis.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
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
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final RedisLink link;
  private final byte[] key;
  private final XReadArgs args;
  private final StatefulRedisConnection<byte[], byte[]> connection;
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
    this.key = RedisLink.bytes(streamName);
    this.args = XReadArgs.Builder.block(block).count(readCount);
    this.connection = link.client().connect(ByteArrayCodec.INSTANCE);
  }

  /**
   * Starts reading after the newest entry present now.
   *
   * @return completes once the starting point is known
   */
  public CompletableFuture<Void> start() {
    return connection
        .async()
        .xrevrange(key, Range.unbounded(), Limit.from(1))
        .toCompletableFuture()
        .thenAccept(
            newest -> {
              lastId = newest.isEmpty() ? "0-0" : newest.get(0).getId();
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
                if (!closed) {
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
    connection.closeAsync();
  }
}
