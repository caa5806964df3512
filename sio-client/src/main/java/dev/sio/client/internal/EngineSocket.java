package dev.sio.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The client side of one Engine.IO session: opens with the first usable transport, upgrades by
 * probing ({@code 2probe}/{@code 3probe}, pause polling, {@code 5}), keeps the heartbeat, closes
 * with {@code "ping timeout"} when the server goes quiet, and buffers writes while the transport is
 * busy. A port of the Node.js client's {@code Socket}; every method runs on the event thread.
 *
 * <p>Engine.IO v4 (engine.io-client 6.x): the server pings, the client answers; no ping within
 * pingInterval + pingTimeout closes. Engine.IO v3 (engine.io-client 3.x, {@link
 * dev.sio.client.ClientProtocol#V2}): the client pings pingInterval after the handshake and after
 * each pong; no pong within pingTimeout of a ping, or nothing at all for pingInterval +
 * pingTimeout, closes.
 */
public final class EngineSocket {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether a WebSocket connection succeeded before, for {@code rememberUpgrade}. */
  private static volatile boolean priorWebsocketSuccess;

  enum State {
    OPENING,
    OPEN,
    CLOSING,
    CLOSED
  }

  private final TransportContext context;
  private final EngineListener listener;
  private final List<String> transports; // event thread: shrinks with tryAllTransports
  private final ArrayDeque<EnginePacket> writeBuffer = new ArrayDeque<>(); // event thread
  // event thread: the buffered packets emitted with compress(false); a subset of writeBuffer
  private final Set<EnginePacket> uncompressed = Collections.newSetFromMap(new IdentityHashMap<>());
  private State state = State.CLOSED; // event thread
  private Transport transport; // event thread
  private Transport probing; // event thread: the transport being probed
  private boolean upgrading; // event thread
  private int prevBufferLen; // event thread
  private String id; // event thread
  private long pingInterval; // event thread
  private long pingTimeout; // event thread
  private volatile long maxPayload; // event thread writes; read anywhere
  private List<String> upgrades = List.of(); // event thread
  private ScheduledFuture<?> pingTimer; // event thread: the ping timeout
  private ScheduledFuture<?> nextPing; // event thread: v3, the client's next ping
  private final boolean clientPings; // Engine.IO v3: the client sends the pings
  private long pingDeadline = Long.MAX_VALUE; // event thread: nanoTime
  private final List<Runnable> drainWaiters = new ArrayList<>(); // event thread
  private final List<Runnable> upgradeWaiters = new ArrayList<>(); // event thread

  /** A session to the context's endpoint, not opened yet. */
  public EngineSocket(TransportContext context, EngineListener listener) {
    this.context = context;
    this.listener = listener;
    this.transports = new ArrayList<>(context.options().transports());
    this.clientPings = "3".equals(context.framing().eio());
  }

  /** The session id, or null before the handshake and after the close. */
  public String id() {
    return id;
  }

  /** The name of the current transport, or null. */
  public String transportName() {
    return transport == null ? null : transport.name();
  }

  /** The server's {@code maxPayload} in bytes, or 0 before the handshake. */
  public long maxPayload() {
    return maxPayload;
  }

  /** Whether the current transport can write now (false while a write is in flight). */
  public boolean writable() {
    return transport != null && transport.writable() && !upgrading;
  }

  /** Opens the session with the first transport (WebSocket when remembered). */
  public void open() {
    if (transports.isEmpty()) {
      context
          .loop()
          .execute(() -> listener.onError(new TransportException("No transports available", null)));
      return;
    }
    String name =
        context.options().rememberUpgrade()
                && priorWebsocketSuccess
                && transports.contains("websocket")
            ? "websocket"
            : transports.get(0);
    state = State.OPENING;
    Transport t = createTransport(name);
    setTransport(t);
    t.open();
  }

  private Transport createTransport(String name) {
    return "websocket".equals(name)
        ? new WebSocketTransport(context, id)
        : new PollingTransport(context, id);
  }

  private void setTransport(Transport t) {
    if (transport != null) {
      transport.listener(TransportListener.NONE);
    }
    transport = t;
    t.uncompressed(uncompressed::contains);
    t.listener(
        new TransportListener() {
          @Override
          public void onPacket(EnginePacket packet) {
            EngineSocket.this.onPacket(packet);
          }

          @Override
          public void onDrain() {
            EngineSocket.this.onDrain();
          }

          @Override
          public void onError(TransportException error) {
            EngineSocket.this.onError(error);
          }

          @Override
          public void onClose(String description) {
            EngineSocket.this.onClose("transport close", new TransportException(description, null));
          }
        });
  }

  private void onPacket(EnginePacket packet) {
    if (state == State.CLOSED) {
      return;
    }
    if (clientPings && pingTimer != null) {
      // v3: any packet proves the server alive (engine.io-client 3.x's "heartbeat")
      armPingTimeout(pingInterval + pingTimeout);
    }
    switch (packet.type()) {
      case OPEN -> onHandshake(packet.data());
      case PING -> {
        sendPacket(EnginePacket.PONG);
        listener.onPing();
        if (!clientPings) {
          resetPingTimeout();
        }
      }
      case PONG -> {
        if (clientPings && packet.data() == null) {
          schedulePing();
        }
      }
      case MESSAGE -> listener.onMessage(packet.isBinary() ? packet.binary() : packet.data());
      default -> {
        // noop, upgrade: nothing to do
      }
    }
  }

  private void onHandshake(String json) {
    JsonNode data;
    try {
      data = JSON.readTree(json);
    } catch (Exception e) {
      onError(new TransportException("invalid handshake: " + json, e));
      return;
    }
    id = data.path("sid").asText(null);
    transport.sid(id);
    pingInterval = data.path("pingInterval").asLong(25_000);
    pingTimeout = data.path("pingTimeout").asLong(20_000);
    maxPayload = data.path("maxPayload").asLong(0);
    List<String> filtered = new ArrayList<>();
    for (JsonNode u : data.path("upgrades")) {
      if (transports.contains(u.asText())) {
        filtered.add(u.asText());
      }
    }
    upgrades = filtered;
    onOpened();
    if (state == State.CLOSED) {
      return;
    }
    resetPingTimeout();
    if (clientPings) {
      schedulePing();
    }
  }

  private void onOpened() {
    state = State.OPEN;
    priorWebsocketSuccess = "websocket".equals(transport.name());
    listener.onOpen();
    flush();
    if (state == State.OPEN && context.options().upgrade()) {
      for (String name : upgrades) {
        if (!name.equals(transport.name())) {
          probe(name);
        }
      }
    }
  }

  private void resetPingTimeout() {
    armPingTimeout(pingInterval + pingTimeout);
  }

  private void armPingTimeout(long delay) {
    if (pingTimer != null) {
      pingTimer.cancel(false);
    }
    pingDeadline = System.nanoTime() + delay * 1_000_000L;
    pingTimer = context.loop().schedule(() -> onClose("ping timeout", null), delay);
  }

  /** v3: the next ping in pingInterval; then a pong is due within pingTimeout. */
  private void schedulePing() {
    if (nextPing != null) {
      nextPing.cancel(false);
    }
    nextPing =
        context
            .loop()
            .schedule(
                () -> {
                  nextPing = null;
                  if (state != State.OPEN) {
                    return;
                  }
                  sendPacket(EnginePacket.PING);
                  listener.onPing();
                  armPingTimeout(pingTimeout);
                },
                pingInterval);
  }

  /**
   * Whether the server missed its ping: then the close with {@code "ping timeout"} is queued and
   * true is returned (the Node.js client checks this before each emit).
   */
  public boolean hasPingExpired() {
    if (pingDeadline == Long.MAX_VALUE || state != State.OPEN) {
      return false;
    }
    if (System.nanoTime() - pingDeadline > 0) {
      pingDeadline = Long.MAX_VALUE;
      context.loop().execute(() -> onClose("ping timeout", null));
      return true;
    }
    return false;
  }

  private void probe(String name) {
    Transport candidate = createTransport(name);
    priorWebsocketSuccess = false;
    probing = candidate;
    candidate.listener(
        new TransportListener() {
          @Override
          public void onOpen() {
            if (probing != candidate) {
              return;
            }
            candidate.send(List.of(EnginePacket.PING_PROBE));
          }

          @Override
          public void onPacket(EnginePacket msg) {
            if (probing != candidate) {
              return;
            }
            if (msg.type() == EnginePacketType.PONG && "probe".equals(msg.data())) {
              upgrading = true;
              priorWebsocketSuccess = "websocket".equals(candidate.name());
              transport.pause(
                  () -> {
                    if (probing != candidate || state == State.CLOSED) {
                      return;
                    }
                    probing = null;
                    Transport old = transport;
                    setTransport(candidate);
                    if (old instanceof PollingTransport polling) {
                      polling.discard();
                    }
                    candidate.send(List.of(EnginePacket.UPGRADE));
                    listener.onUpgrade(candidate.name());
                    upgrading = false;
                    flush();
                    runAll(upgradeWaiters);
                  });
            } else {
              failProbe(candidate, "probe error");
            }
          }

          @Override
          public void onError(TransportException error) {
            failProbe(candidate, "probe error: " + error.getMessage());
          }

          @Override
          public void onClose(String description) {
            failProbe(candidate, "probe error: transport closed");
          }
        });
    candidate.open();
  }

  private void failProbe(Transport candidate, String message) {
    if (probing != candidate) {
      return;
    }
    probing = null;
    candidate.listener(TransportListener.NONE);
    candidate.close();
    if (upgrading) {
      // paused but never switched: resume on the old transport is not possible, as in Node
      upgrading = false;
    }
    runAll(upgradeWaiters);
  }

  private void onDrain() {
    for (int i = 0; i < prevBufferLen && !writeBuffer.isEmpty(); i++) {
      uncompressed.remove(writeBuffer.pollFirst());
    }
    prevBufferLen = 0;
    if (writeBuffer.isEmpty()) {
      runAll(drainWaiters);
    } else {
      flush();
    }
  }

  private void flush() {
    if (state != State.CLOSED && transport.writable() && !upgrading && !writeBuffer.isEmpty()) {
      List<EnginePacket> packets = writablePackets();
      prevBufferLen = packets.size(); // before send: a write may complete (and drain) at once
      transport.send(packets);
    }
  }

  /** For polling, as many packets as fit the server's maxPayload (at least one). */
  private List<EnginePacket> writablePackets() {
    List<EnginePacket> all = new ArrayList<>(writeBuffer);
    if (maxPayload <= 0 || !"polling".equals(transport.name()) || all.size() == 1) {
      return all;
    }
    long size = 1;
    for (int i = 0; i < all.size(); i++) {
      size += payloadSize(all.get(i));
      if (i > 0 && size > maxPayload) {
        return all.subList(0, i);
      }
      size += 2;
    }
    return all;
  }

  private static long payloadSize(EnginePacket p) {
    if (p.isBinary()) {
      return (p.binary().length + 2L) / 3 * 4 + 1;
    }
    return p.data() == null ? 0 : p.data().getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The size in bytes a message takes on the current transport, to compare with {@link
   * #maxPayload()}: UTF-8 text plus the type digit, or binary (base64 over polling).
   */
  public long encodedSize(Object message) {
    if (message instanceof byte[] bytes) {
      return "polling".equals(transportName()) ? (bytes.length + 2L) / 3 * 4 + 1 : bytes.length;
    }
    return ((String) message).getBytes(StandardCharsets.UTF_8).length + 1L;
  }

  /** Queues a message ({@link String} or {@code byte[]}); dropped once closing, as in Node. */
  public void write(Object message) {
    write(message, true);
  }

  /**
   * Queues a message; with {@code compress} false its WebSocket frame is never compressed (the JS
   * client's {@code socket.compress(false)}); polling ignores the flag, as in Node.
   */
  public void write(Object message, boolean compress) {
    EnginePacket packet =
        message instanceof byte[] bytes
            ? EnginePacket.binary(bytes)
            : EnginePacket.message((String) message);
    if (!compress && state != State.CLOSING && state != State.CLOSED) {
      uncompressed.add(packet);
    }
    sendPacket(packet);
  }

  private void sendPacket(EnginePacket packet) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    writeBuffer.addLast(packet);
    flush();
  }

  /** Closes the session once buffered packets are written and an upgrade in flight is done. */
  public void close() {
    if (state == State.OPENING || state == State.OPEN) {
      state = State.CLOSING;
      Runnable close =
          () -> {
            onClose("forced close", null);
          };
      if (!writeBuffer.isEmpty()) {
        drainWaiters.add(
            () -> {
              if (upgrading) {
                upgradeWaiters.add(close);
              } else {
                close.run();
              }
            });
      } else if (upgrading) {
        upgradeWaiters.add(close);
      } else {
        close.run();
      }
    }
  }

  private void onError(TransportException error) {
    priorWebsocketSuccess = false;
    if (context.options().tryAllTransports() && transports.size() > 1 && state == State.OPENING) {
      transport.listener(TransportListener.NONE);
      transport.close();
      transports.remove(0);
      open();
      return;
    }
    listener.onError(error);
    onClose("transport error", error);
  }

  private void onClose(String reason, Exception cause) {
    if (state == State.OPENING || state == State.OPEN || state == State.CLOSING) {
      if (pingTimer != null) {
        pingTimer.cancel(false);
        pingTimer = null;
      }
      if (nextPing != null) {
        nextPing.cancel(false);
        nextPing = null;
      }
      Transport t = transport;
      t.listener(TransportListener.NONE);
      t.close();
      if (probing != null) {
        Transport p = probing;
        probing = null;
        p.listener(TransportListener.NONE);
        p.close();
      }
      state = State.CLOSED;
      id = null;
      listener.onClose(reason, cause);
      writeBuffer.clear();
      uncompressed.clear();
      prevBufferLen = 0;
      drainWaiters.clear();
      upgradeWaiters.clear();
    }
  }

  private static void runAll(List<Runnable> waiters) {
    List<Runnable> copy = new ArrayList<>(waiters);
    waiters.clear();
    copy.forEach(Runnable::run);
  }
}
