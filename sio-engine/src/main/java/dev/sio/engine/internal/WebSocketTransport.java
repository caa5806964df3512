package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.EngineV3PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket transport (Node's {@code WebSocket}): each packet is one frame. {@link #send} runs
 * on the session's event loop, which is the channel's own loop except while an upgrade is being
 * negotiated.
 */
public final class WebSocketTransport extends EngineTransport {
  /** The name of the connection's flush coalescing handler ({@link ListenerInitializer}). */
  static final String FLUSH_HANDLER = "flush";

  private final Channel channel;
  private final boolean preEncodedFrames; // false when permessage-deflate is negotiated
  // Session loop: the handshake's answer is written and the HTTP encoder is gone, so finished
  // frames (plain ByteBufs) may be written; before that, frames go through the frame encoder.
  private boolean handshakeDone;
  private ChannelHandlerContext flushContext; // session loop: the flush coalescer's, found lazily
  private WebSocketCloseGuard closeGuard; // session loop: found with flushContext

  WebSocketTransport(EngineSession session, Channel channel, boolean preEncodedFrames) {
    super(session);
    this.channel = channel;
    this.preEncodedFrames = preEncodedFrames;
  }

  /** The handshake's answer is written (called on the channel's loop, the session's). */
  void handshakeDone() {
    handshakeDone = true;
  }

  /** The WebSocket channel. */
  public Channel channel() {
    return channel;
  }

  @Override
  public String name() {
    return EngineOptions.WEBSOCKET;
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
    ChannelOutboundBuffer out = channel.unsafe().outboundBuffer(); // null once closed
    return out != null && out.totalPendingWriteBytes() == 0 && channel.isWritable();
  }

  @Override
  public long pendingBytes() {
    ChannelOutboundBuffer out = channel.unsafe().outboundBuffer(); // null once closed
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  @Override
  public boolean backedUp() {
    return !channel.isWritable();
  }

  /** Cuts the connection with a TCP reset: queued frames are released, nothing more is sent. */
  @Override
  public void abort() {
    WebSocketCloseGuard.reset(channel);
  }

  /**
   * Runs {@code task} on the session loop once everything written so far has left for the socket
   * (an empty buffer is written behind it; its promise completes in order). Never runs if the
   * connection closes first.
   */
  void whenWritten(Runnable task) {
    if (state == State.CLOSED || !channel.isActive()) {
      return;
    }
    channel
        .writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                task.run();
              }
            });
  }

  @Override
  public void send(List<Object> items) {
    if (state == State.CLOSED) {
      return;
    }
    for (int i = 0, n = items.size(); i < n; i++) {
      channel.write(frame(items.get(i)), channel.voidPromise());
    }
    channel.flush();
  }

  /** Sends one item and flushes (the flush is coalesced by FlushConsolidationHandler). */
  void sendOne(Object item) {
    if (state == State.CLOSED) {
      return;
    }
    channel.writeAndFlush(frame(item), channel.voidPromise());
  }

  /** Sends one text MESSAGE encoded from {@code text}, read during the call only, and flushes. */
  void sendText(CharSequence text) {
    if (state == State.CLOSED) {
      return;
    }
    channel.writeAndFlush(textFrame(EnginePacketType.MESSAGE, text), channel.voidPromise());
  }

  /**
   * True when finished, unmasked frames (plain buffers) are written: no deflate, handshake done.
   */
  boolean writesFinishedFrames() {
    return preEncodedFrames && handshakeDone;
  }

  /** Writes a finished frame without a flush (a broadcast's shared frame; this takes it over). */
  void writeFrame(ByteBuf frame) {
    if (state == State.CLOSED) {
      frame.release();
      return;
    }
    ChannelHandlerContext ctx = flushContext();
    WebSocketCloseGuard guard = closeGuard; // found with ctx: both are in place before any write
    if (ctx == null || guard == null || guard.closing()) {
      channel.write(frame, channel.voidPromise()); // the whole pipeline: the guard drops it
      return;
    }
    // From the flush coalescer's context: a finished frame needs none of the handlers on the tail
    // side (the frame encoder passes buffers through; the close guard lets frames by until its
    // close frame, checked above); the handlers towards the socket (TLS) still see it.
    ctx.write(frame, ctx.voidPromise());
  }

  /**
   * Writes one item without a flush: a broadcast flushes once per loop pass ({@link #flushNow}).
   */
  void writeOne(Object item) {
    if (state == State.CLOSED) {
      return;
    }
    channel.write(frame(item), channel.voidPromise());
  }

  /**
   * Flushes now, past the connection's flush coalescing (which, outside a read, would schedule one
   * more task for this connection): called once per loop pass for what broadcasts wrote.
   */
  void flushNow() {
    ChannelHandlerContext ctx = flushContext();
    if (ctx != null) {
      ctx.flush(); // the handlers between it and the socket (TLS) still see the flush
    } else {
      channel.flush();
    }
  }

  /** The flush coalescer's context (and the close guard), looked up once; null if absent. */
  private ChannelHandlerContext flushContext() {
    ChannelHandlerContext ctx = flushContext;
    if (ctx == null || ctx.isRemoved()) {
      ctx = channel.pipeline().context(FLUSH_HANDLER);
      flushContext = ctx;
      closeGuard = channel.pipeline().get(WebSocketCloseGuard.class);
    }
    return ctx;
  }

  private Object frame(Object item) {
    if (session.isV3()) {
      Object v3 = binaryFrameV3(item);
      if (v3 != null) {
        return v3;
      }
    }
    if (item instanceof EngineMessage m) {
      if (preEncodedFrames && handshakeDone) {
        return WireForms.of(m).frame();
      }
      return m.isBinary()
          ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(m.binary()))
          : textFrame(EnginePacketType.MESSAGE, m.text());
    }
    EnginePacket p = (EnginePacket) item;
    if (p.isBinary()) {
      return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(p.binary()));
    }
    return textFrame(p.type(), p.data());
  }

  /**
   * Engine.IO v3: a binary message as a binary frame that starts with the type byte {@code 4}, or
   * as {@code b4<base64>} text for a client without binary support; {@code null} for a text packet,
   * whose frame is the v4 one.
   */
  private Object binaryFrameV3(Object item) {
    byte[] data;
    if (item instanceof EngineMessage m) {
      if (!m.isBinary()) {
        return null;
      }
      if (!supportsBinary) {
        return new TextWebSocketFrame(WireFormsV3.pollingText(m));
      }
      if (preEncodedFrames && handshakeDone) {
        return WireFormsV3.frame(m);
      }
      data = m.binary();
    } else {
      EnginePacket p = (EnginePacket) item;
      if (!p.isBinary()) {
        return null;
      }
      if (!supportsBinary) {
        return new TextWebSocketFrame(EngineV3PacketCodec.base64Message(p.binary()));
      }
      data = p.binary();
    }
    return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(EngineV3PacketCodec.encodeBinary(data)));
  }

  /**
   * A text packet as a frame. Without permessage-deflate, once the handshake is done, the finished
   * unmasked frame (header, type character, UTF-8 payload) is written into one pooled buffer, which
   * the frame encoder passes on as it is: no second buffer, no copy.
   */
  private Object textFrame(EnginePacketType type, CharSequence data) {
    int length = data == null || data.length() == 0 ? 0 : ByteBufUtil.utf8Bytes(data);
    int payload = 1 + length;
    if (!preEncodedFrames || !handshakeDone) {
      ByteBuf buf = channel.alloc().buffer(payload);
      buf.writeByte(type.code());
      if (length > 0) {
        ByteBufUtil.reserveAndWriteUtf8(buf, data, length);
      }
      return new TextWebSocketFrame(buf);
    }
    int header = payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
    ByteBuf buf = channel.alloc().buffer(header + payload);
    buf.writeByte(0x81); // FIN, text
    if (payload < 126) {
      buf.writeByte(payload);
    } else if (payload <= 0xFFFF) {
      buf.writeByte(126).writeShort(payload);
    } else {
      buf.writeByte(127).writeLong(payload);
    }
    buf.writeByte(type.code());
    if (length > 0) {
      ByteBufUtil.reserveAndWriteUtf8(buf, data, length);
    }
    return buf;
  }

  @Override
  protected void doClose(Runnable onClosed) {
    closeChannel();
    onClosed.run();
  }

  /**
   * Sends a close frame and closes the connection once it is written; cuts the connection after
   * {@code closeTimeout} (ws: 30 s) if the frame cannot be written (a client that does not read).
   */
  void closeChannel() {
    if (channel.isActive()) {
      channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
      ScheduledFuture<?> deadline =
          channel
              .eventLoop()
              .schedule(this::abort, session.options().closeTimeoutMillis(), TimeUnit.MILLISECONDS);
      channel.closeFuture().addListener(f -> deadline.cancel(false));
    } else {
      channel.close();
    }
  }

  /** A text frame arrived (called on the session loop). */
  void onText(String text) {
    if (state == State.CLOSED) {
      return;
    }
    EnginePacket packet;
    try {
      packet = EnginePacketCodec.decodeText(text);
    } catch (dev.sio.protocol.ProtocolException e) {
      Listener l = listener;
      if (l != null) {
        l.onParseError(e.getMessage());
      }
      return;
    }
    onPacket(packet);
  }

  /**
   * A text MESSAGE arrived as {@code content[index, index + length)}, valid during the call
   * (session loop). Handed to the session as bytes while it listens to this transport; false when
   * the caller must decode a packet instead (an upgrade in progress listens to it).
   */
  boolean onMessageBytes(ByteBuf content, int index, int length) {
    if (state == State.CLOSED) {
      return true; // dropped, as onDecoded drops packets
    }
    if (listener != session) {
      return false;
    }
    session.onMessageBytes(content, index, length);
    return true;
  }

  /** A decoded packet arrived (called on the session loop). */
  void onDecoded(EnginePacket packet) {
    if (state != State.CLOSED) {
      onPacket(packet);
    }
  }

  /** A malformed packet arrived (called on the session loop). */
  void onMalformed(String description) {
    Listener l = listener;
    if (state != State.CLOSED && l != null) {
      l.onParseError(description);
    }
  }

  /** The connection failed (called on the session loop). */
  void onChannelError(String description) {
    if (state != State.CLOSED) {
      onError(description);
    }
  }

  /** The connection crossed a water mark (called on the session loop). */
  void onWritabilityChanged() {
    Listener l = listener;
    if (state != State.CLOSED && l != null) {
      l.onWritabilityChanged();
    }
  }

  /** The connection closed (called on the session loop). */
  void onChannelClosed() {
    onClosed();
  }
}
