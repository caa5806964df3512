package dev.sio.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.server.BroadcastOptions;
import dev.sio.server.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory adapter's memory for connection state recovery (socket.io-adapter's {@code
 * SessionAwareAdapter}): the broadcast packets of the last {@code maxDisconnectionDuration}, each
 * with an offset, and the sessions of recently disconnected sockets.
 *
 * <p>Offsets are decimal sequence numbers; packets are kept in a sorted map by sequence, so
 * appending from several event loops needs no lock and a replay is a tail view. Thread-safe.
 */
public final class SessionStore {
  private record Stored(long emittedAt, JsonNode data, BroadcastOptions opts) {}

  private record Kept(Session session, long disconnectedAt) {}

  private final long maxDisconnectionMillis;
  // Any thread: the sequence of the newest offset handed out.
  private final AtomicLong sequence = new AtomicLong();
  // Any thread: sequences up to this one were pruned (a client presenting them cannot recover).
  private volatile long prunedUpTo;
  private final ConcurrentSkipListMap<Long, Stored> packets = new ConcurrentSkipListMap<>();
  private final Map<String, Kept> sessions = new ConcurrentHashMap<>();

  /** Keeps sessions and packets for {@code maxDisconnectionMillis}. */
  public SessionStore(long maxDisconnectionMillis) {
    this.maxDisconnectionMillis = maxDisconnectionMillis;
  }

  /** Stores a broadcast's data array (which already ends with the offset) and returns nothing. */
  public void store(long seq, JsonNode data, BroadcastOptions opts) {
    packets.put(seq, new Stored(System.currentTimeMillis(), data, opts));
  }

  /** A new offset for the next stored packet. */
  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** The offset of the newest packet handed out ("0" before any). */
  public String currentOffset() {
    return Long.toString(sequence.get());
  }

  /** Keeps a disconnected socket's session. */
  public void persist(Session session) {
    sessions.put(session.pid(), new Kept(session, System.currentTimeMillis()));
  }

  /**
   * The session of {@code pid} with its missed packets after {@code offset} (or after its start
   * offset when {@code offset} is null), or {@code null}.
   */
  public Session restore(String pid, String offset) {
    Kept kept = sessions.remove(pid);
    if (kept == null) {
      return null;
    }
    if (kept.disconnectedAt() + maxDisconnectionMillis < System.currentTimeMillis()) {
      return null;
    }
    String from = offset != null ? offset : kept.session().startOffset();
    long seq;
    try {
      seq = Long.parseLong(from);
    } catch (NumberFormatException | NullPointerException e) {
      return null; // not one of our offsets
    }
    if (seq < prunedUpTo || seq > sequence.get()) {
      return null; // too old, or unknown
    }
    HashSet<String> rooms = new HashSet<>(kept.session().rooms());
    List<JsonNode> missed = new ArrayList<>();
    for (Stored stored : packets.tailMap(seq, false).values()) {
      if (stored.opts().matches(rooms)) {
        missed.add(stored.data());
      }
    }
    return kept.session().withMissedPackets(missed);
  }

  /** Forgets sessions and packets older than the maximum disconnection duration. */
  public void sweep() {
    long threshold = System.currentTimeMillis() - maxDisconnectionMillis;
    sessions.values().removeIf(kept -> kept.disconnectedAt() < threshold);
    while (true) {
      Map.Entry<Long, Stored> first = packets.firstEntry();
      if (first == null || first.getValue().emittedAt() >= threshold) {
        break;
      }
      prunedUpTo = first.getKey();
      packets.remove(first.getKey());
    }
  }

  /** The number of stored packets (for tests). */
  public int packetCount() {
    return packets.size();
  }
}
