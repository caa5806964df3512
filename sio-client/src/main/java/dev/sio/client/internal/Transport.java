package dev.sio.client.internal;

import dev.sio.protocol.engineio.EnginePacket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One way of carrying Engine.IO packets (polling or WebSocket), with the states of the Node.js
 * client's transports. Every method runs on the event thread.
 */
abstract class Transport {
  enum State {
    OPENING,
    OPEN,
    CLOSED,
    PAUSING,
    PAUSED
  }

  protected final TransportContext context;
  protected final Map<String, String> query; // event thread; gets "sid" after the handshake
  protected State state; // event thread
  protected boolean writable; // event thread
  protected TransportListener listener = TransportListener.NONE; // event thread
  // event thread: the packets emitted with compress(false), asked by the WebSocket transport
  protected Predicate<EnginePacket> uncompressed = p -> false;

  Transport(TransportContext context, String sid) {
    this.context = context;
    this.query = new LinkedHashMap<>(context.endpoint().query());
    query.putAll(context.options().query());
    query.put("EIO", context.framing().eio());
    query.put("transport", name());
    if (sid != null) {
      query.put("sid", sid);
    }
  }

  /** {@code "polling"} or {@code "websocket"}. */
  abstract String name();

  final void listener(TransportListener listener) {
    this.listener = listener;
  }

  /** Tells the transport which packets must not be compressed (emitted with compress(false)). */
  final void uncompressed(Predicate<EnginePacket> uncompressed) {
    this.uncompressed = uncompressed;
  }

  final boolean writable() {
    return writable;
  }

  final void sid(String sid) {
    query.put("sid", sid);
  }

  final void open() {
    state = State.OPENING;
    doOpen();
  }

  final void close() {
    if (state == State.OPENING || state == State.OPEN) {
      doClose();
      onClose("forced close");
    }
  }

  final void send(List<EnginePacket> packets) {
    if (state == State.OPEN) {
      write(packets);
    }
  }

  /** Stops reading (polling waits for its request in flight), then runs {@code onPause}. */
  void pause(Runnable onPause) {
    onPause.run();
  }

  protected final void onOpen() {
    state = State.OPEN;
    writable = true;
    listener.onOpen();
  }

  protected final void onPacket(EnginePacket packet) {
    listener.onPacket(packet);
  }

  protected final void onError(String reason, Throwable cause) {
    listener.onError(new TransportException(reason, cause));
  }

  protected final void onClose(String description) {
    state = State.CLOSED;
    listener.onClose(description);
  }

  protected abstract void doOpen();

  protected abstract void doClose();

  protected abstract void write(List<EnginePacket> packets);
}
