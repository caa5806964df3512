package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.WebSocketInbound;
import dev.sio.engine.spi.WebTransportInbound;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.EngineV3PacketCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The message transport: WebSocket (Node's {@code WebSocket}), each packet one frame, and
 * WebTransport (Node's {@code WebTransport}), each packet one frame of the session's one stream
 * (engine.io-parser's stream framing, which the binding reads and writes). It keeps the state and
 * decides which frame each packet becomes (Engine.IO v4 or v3); the binding's {@link
 * MessageChannel} writes the frames, and the binding reports what arrives through this transport's
 * {@link WebSocketInbound} or {@link WebTransportInbound} side. {@link #send} runs on the session's
 * executor.
 */
public final class WebSocketTransport extends EngineTransport
    implements WebSocketInbound, WebTransportInbound {
  private final MessageChannel channel;
  private final String name; // websocket or webtransport
  // WebTransport: the stream's thread (the QUIC connection's loop) may not be the session's, so
  // whenWritten's task hops to the session's executor.
  private final boolean foreignThread;

  WebSocketTransport(EngineSession session, MessageChannel channel) {
    this(session, channel, EngineOptions.WEBSOCKET);
  }

  WebSocketTransport(EngineSession session, MessageChannel channel, String name) {
    super(session);
    this.channel = channel;
    this.name = name;
    this.foreignThread = EngineOptions.WEBTRANSPORT.equals(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean writable() {
    return state == State.OPEN;
  }

  /**
   * No frame waits in the connection: none is queued, unflushed (the flush is coalesced until the
   * loop's task or read ends) or only partly written to the socket, and the connection is below its
   * high water mark. Node's equivalent is false from a send until the write's callback.
   */
  @Override
  public boolean idle() {
    return channel.pendingBytes() == 0 && channel.isWritable(); // not writable once closed
  }

  @Override
  public long pendingBytes() {
    return channel.pendingBytes();
  }

  @Override
  public boolean backedUp() {
    return !channel.isWritable();
  }

  /** Cuts the connection (on Netty with a TCP reset): queued frames are dropped. */
  @Override
  public void abort() {
    channel.abort();
  }

  /**
   * Runs {@code task} on the session's executor once everything written so far has left for the
   * socket. Never runs if the connection closes first.
   */
  void whenWritten(Runnable task) {
    if (state != State.CLOSED) {
      channel.whenWritten(foreignThread ? () -> session.execute(task) : task);
    }
  }

  @Override
  public void send(List<Object> items) {
    if (state == State.CLOSED) {
      return;
    }
    for (int i = 0, n = items.size(); i < n; i++) {
      write(items.get(i));
    }
    channel.flush();
  }

  /** Sends one item and flushes (the binding may coalesce the flush). */
  void sendOne(Object item) {
    if (state == State.CLOSED) {
      return;
    }
    write(item);
    channel.flush();
  }

  /** Sends one text MESSAGE encoded from {@code text}, read during the call only, and flushes. */
  void sendText(CharSequence text) {
    if (state == State.CLOSED) {
      return;
    }
    channel.writeText(EnginePacketType.MESSAGE.code(), text);
    channel.flush();
  }

  /**
   * Writes one item without a flush: a broadcast flushes once per loop pass ({@link #flushNow}).
   */
  void writeOne(Object item) {
    if (state != State.CLOSED) {
      write(item);
    }
  }

  /**
   * Writes a broadcast's part without a flush from {@code held}, the shared form that {@link
   * #holdShared} made on a connection of this executor.
   */
  void writeShared(EngineMessage part, Object held) {
    if (state != State.CLOSED) {
      channel.writeShared(part, held);
    }
  }

  /** A shared form of {@code part} for this executor's connections, or null ({@link #channel}). */
  Object holdShared(EngineMessage part) {
    return channel.holdShared(part);
  }

  /** The channel, which releases what its {@link #holdShared} returned. */
  MessageChannel channel() {
    return channel;
  }

  /** Flushes now, past the binding's coalescing: once per loop pass for what broadcasts wrote. */
  void flushNow() {
    channel.flushNow();
  }

  /** The v4/v3 decision: which frame {@code item} becomes. */
  private void write(Object item) {
    if (item instanceof EngineMessage m) {
      if (session.isV3() && m.isBinary()) {
        if (supportsBinary) {
          channel.writeMessage(PollingForms.v3Frames(m)); // the type byte 4, then the bytes
        } else {
          writeWhole(PollingForms.pollingTextV3(m)); // b4<base64>
        }
      } else {
        channel.writeMessage(m);
      }
      return;
    }
    EnginePacket p = (EnginePacket) item;
    if (!p.isBinary()) {
      channel.writeText(p.type().code(), p.data());
    } else if (!session.isV3()) {
      channel.writeBinary(p.binary());
    } else if (supportsBinary) {
      channel.writeBinary(EngineV3PacketCodec.encodeBinary(p.binary()));
    } else {
      writeWhole(EngineV3PacketCodec.base64Message(p.binary()));
    }
  }

  /** Writes {@code text}, a whole packet with its type character first, as one text frame. */
  private void writeWhole(String text) {
    channel.writeText(text.charAt(0), text.subSequence(1, text.length()));
  }

  @Override
  protected void doClose(Runnable onClosed) {
    closeChannel();
    onClosed.run();
  }

  /**
   * Sends a close frame and closes the connection once it is written; the binding cuts the
   * connection after {@code closeTimeout} (ws: 30 s) if the frame cannot be written (a client that
   * does not read).
   */
  void closeChannel() {
    channel.close(-1);
  }

  // ---- WebSocketInbound: the binding's thread (the session's once upgraded); hops when needed
  // ----

  /**
   * A text frame. A MESSAGE goes up as its bytes when it may be handled now (the session's own
   * thread, nothing queued, the session listening): no String, no packet. Anything else is decoded
   * here, since the bytes are valid during the call only, and handed to the session's executor.
   */
  @Override
  public void onText(byte[] utf8, int offset, int length) {
    if (session.isV3()) {
      deliverText(new String(utf8, offset, length, StandardCharsets.UTF_8));
      return;
    }
    if (length == 0) {
      session.execute(() -> onMalformed("Empty packet"));
      return;
    }
    byte first = utf8[offset];
    if (first == EnginePacketCodec.BINARY_PREFIX) {
      String base64 = new String(utf8, offset + 1, length - 1, StandardCharsets.US_ASCII);
      try {
        deliver(EnginePacket.binary(EnginePacketCodec.decodeBase64(base64)));
      } catch (ProtocolException e) {
        session.execute(() -> onMalformed(e.getMessage()));
      }
      return;
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      String description = "Unknown packet type '" + (char) (first & 0xff) + "'";
      session.execute(() -> onMalformed(description));
      return;
    }
    if (type == EnginePacketType.MESSAGE
        && length > 1
        && session.canRunNow()
        && onMessageBytes(utf8, offset + 1, length - 1)) {
      return; // the usual message: its bytes go up as they are
    }
    EnginePacket packet =
        length == 1
            ? (type == EnginePacketType.MESSAGE
                ? EnginePacket.message("")
                : EnginePacket.of(type, null))
            : EnginePacket.of(
                type, new String(utf8, offset + 1, length - 1, StandardCharsets.UTF_8));
    deliver(packet);
  }

  @Override
  public void onText(String text) {
    deliverText(text);
  }

  /** Decodes a whole text packet (v4, or v3 for a v3 session) and hands it on. */
  private void deliverText(String text) {
    EnginePacket packet;
    try {
      packet =
          session.isV3()
              ? EngineV3PacketCodec.decodeText(text)
              : EnginePacketCodec.decodeText(text);
    } catch (ProtocolException e) {
      session.execute(() -> onMalformed(e.getMessage()));
      return;
    }
    deliver(packet);
  }

  /** A binary frame: the packet itself, or in Engine.IO v3 the type byte first. */
  @Override
  public void onBinary(byte[] data) {
    if (!session.isV3()) {
      deliver(EnginePacket.binary(data));
      return;
    }
    EnginePacket packet;
    try {
      packet = EngineV3PacketCodec.decodeBinary(data);
    } catch (ProtocolException e) {
      session.execute(() -> onMalformed(e.getMessage()));
      return;
    }
    deliver(packet);
  }

  /** A packet read from the WebTransport stream. */
  @Override
  public void onPacketRead(EnginePacket packet) {
    deliver(packet);
  }

  /** The WebTransport stream's framing failed: {@code "parse error"}, as Node's decoder. */
  @Override
  public void onParseError(String description) {
    session.execute(() -> onMalformed(description));
  }

  @Override
  public void onProtocolError(String description) {
    session.execute(() -> onChannelError(description));
  }

  @Override
  public void onWritabilityChanged() {
    session.execute(this::writabilityChanged); // maxBufferedBytes and the budget's share
  }

  /** The connection ended (any thread): the transport closes on the session's executor. */
  @Override
  public void onClosed() {
    session.execute(super::onClosed);
  }

  /**
   * A text MESSAGE as {@code utf8[offset, offset + length)}, valid during the call (session
   * executor, nothing queued). Handed to the session as bytes while it listens to this transport;
   * false when the caller must decode a packet instead (an upgrade in progress listens to it).
   */
  private boolean onMessageBytes(byte[] utf8, int offset, int length) {
    if (state == State.CLOSED) {
      return true; // dropped, as onDecoded drops packets
    }
    if (listener != session) {
      return false;
    }
    session.onMessageBytes(utf8, offset, length);
    return true;
  }

  private void deliver(EnginePacket packet) {
    if (session.canRunNow()) {
      onDecoded(packet); // the session lives on this connection's thread: no hop
    } else {
      session.execute(() -> onDecoded(packet));
    }
  }

  /** A decoded packet arrived (session executor). */
  private void onDecoded(EnginePacket packet) {
    if (state != State.CLOSED) {
      onPacket(packet);
    }
  }

  /** A malformed packet arrived (session executor). */
  private void onMalformed(String description) {
    Listener l = listener;
    if (state != State.CLOSED && l != null) {
      l.onParseError(description);
    }
  }

  /** The connection failed (session executor). */
  private void onChannelError(String description) {
    if (state != State.CLOSED) {
      onError(description);
    }
  }

  /** The connection crossed a water mark (session executor). */
  private void writabilityChanged() {
    Listener l = listener;
    if (state != State.CLOSED && l != null) {
      l.onWritabilityChanged();
    }
  }
}
