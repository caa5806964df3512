package dev.sio.engine.netty.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.WebSocketInbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection of the Netty binding, both ways: the last handler of its pipeline, which
 * hands whole messages to the session layer's {@link WebSocketInbound}, and the {@link
 * MessageChannel} that the session layer writes through. One object per connection, no more.
 *
 * <p>In: a text frame's bytes go up as they are when its buffer has an array, else copied once into
 * the loop's {@link FrameScratch}; binary frames as a copy; pings are answered and close frames
 * echoed here. Out: once the handshake's answer is written and without permessage-deflate, frames
 * are written finished and unmasked in one pooled buffer, and the frame encoder leaves the pipeline
 * (the Netty frames still written are encoded here, {@link FrameForms#encode}); before that, or
 * with deflate, as Netty frames through the encoder. Runs on the connection's loop, which is the
 * session's once it lives on this connection; {@link #isWritable} and {@link #pendingBytes} on any
 * thread.
 *
 * <p>It is its connection's close guard too ({@link WebSocketCloseGuard}'s rules, applied in {@link
 * #write}): after the first close frame nothing more is written, and the connection ends once that
 * frame is written or after the close timeout. Its own frames (pongs, close frames) are therefore
 * written from the pipeline's tail, through {@link #write}.
 */
final class WebSocketFrameHandler extends ChannelDuplexHandler implements MessageChannel {
  /** The name of the connection's flush coalescing handler ({@link ListenerInitializer}). */
  static final String FLUSH_HANDLER = "flush";

  private final Channel channel;
  private final boolean preEncodedFrames; // false when permessage-deflate is negotiated
  private final long closeTimeoutMillis; // the close frame's write deadline (closeTimeout)
  private ChannelFuture closeWrite; // channel loop: the first close frame's write, or null
  private WebSocketInbound inbound; // channel loop: set once, before any frame is read
  private boolean readWhenBound; // channel loop: startReading came before inbound
  // Channel loop: the handshake's answer is written and the HTTP encoder is gone, so finished
  // frames (plain ByteBufs) may be written; before that, frames go through the frame encoder.
  private boolean handshakeDone;
  private boolean failed; // channel loop: a protocol error was answered; later frames are dropped
  private ChannelHandlerContext flushContext; // channel loop: the flush coalescer's, found lazily

  WebSocketFrameHandler(Channel channel, boolean preEncodedFrames, long closeTimeoutMillis) {
    this.channel = channel;
    this.preEncodedFrames = preEncodedFrames;
    this.closeTimeoutMillis = closeTimeoutMillis;
  }

  /**
   * Sets who hears about this connection; once, before any frame is read: the {@link UpgradeBuffer}
   * holds them until {@link #startReading} (which may come first).
   */
  void inbound(WebSocketInbound inbound) {
    this.inbound = inbound;
    if (readWhenBound) {
      readWhenBound = false;
      UpgradeBuffer.release(channel.pipeline());
    }
  }

  /**
   * The handshake's answer is written (called on the channel's loop). Without permessage-deflate
   * the frame encoder leaves the pipeline: from now on every frame is written finished, the few
   * Netty frames still written (pongs, close frames, binary messages) encoded in {@link #write}.
   */
  void handshakeDone() {
    handshakeDone = true;
    if (preEncodedFrames) {
      ChannelHandler encoder = channel.pipeline().get(WebSocketFrameEncoder.class);
      if (encoder != null) {
        channel.pipeline().remove(encoder);
      }
    }
  }

  // ---- in ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (failed) {
        return;
      }
      if (msg instanceof TextWebSocketFrame text) {
        onText(text.content());
      } else if (msg instanceof BinaryWebSocketFrame binary) {
        inbound.onBinary(ByteBufUtil.getBytes(binary.content()));
      } else if (msg instanceof PingWebSocketFrame ping) {
        channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        // echo the code and reason, as ws does; write then ends the connection
        channel.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retain()));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Hands a text frame's bytes up: in place when the buffer has an array, else one copy. */
  private void onText(ByteBuf content) {
    int length = content.readableBytes();
    int start = content.readerIndex();
    if (content.hasArray()) {
      inbound.onText(content.array(), content.arrayOffset() + start, length);
      return;
    }
    FrameScratch scratch = FrameScratch.claim(length);
    byte[] bytes = scratch == null ? new byte[length] : scratch.bytes;
    content.getBytes(start, bytes, 0, length);
    try {
      inbound.onText(bytes, 0, length);
    } finally {
      if (scratch != null) {
        scratch.release();
      }
    }
  }

  /**
   * Reads only while the connection is writable (what {@link ReadBackpressure} does for HTTP, whose
   * place this handler takes after the upgrade): a client that does not read what it is sent gets
   * no further frame decoded.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    if (ctx.channel().config().isAutoRead() != writable) {
      ctx.channel().config().setAutoRead(writable); // turning it on also asks for a read
    }
    inbound.onWritabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (inbound != null) { // null when the session did not open (the endpoint closed)
      inbound.onClosed();
    }
    ctx.fireChannelInactive();
  }

  /**
   * A protocol violation is answered as {@code ws} answers it: a close frame with the violation's
   * code (1002, 1007, 1009) and an empty reason, then the connection ends ({@link #write}); the
   * session closes with {@code "transport error"}. Other failures close the connection at once.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String description = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    int code = closeCode(cause);
    if (failed) {
      return;
    }
    failed = true;
    if (code > 0 && ctx.channel().isActive()) {
      channel.writeAndFlush(new CloseWebSocketFrame(code, null));
    } else {
      ctx.close();
    }
    if (inbound != null) { // null only when the session did not open: the connection is closing
      inbound.onProtocolError(description);
    }
  }

  /** The close code answering {@code cause}, or -1 when it is no protocol violation. */
  static int closeCode(Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      return corrupted.closeStatus().code();
    }
    if (cause instanceof TooLongFrameException) {
      return WebSocketCloseStatus.MESSAGE_TOO_BIG.code(); // a fragmented message over maxPayload
    }
    if (cause instanceof DecoderException) {
      return WebSocketCloseStatus.PROTOCOL_ERROR.code();
    }
    return -1;
  }

  // ---- out: MessageChannel (the session's loop, which is this channel's) ----

  /**
   * True when finished, unmasked frames (plain buffers) are written: no deflate, handshake done.
   */
  private boolean writesFinishedFrames() {
    return preEncodedFrames && handshakeDone;
  }

  @Override
  public void writeText(char type, CharSequence data) {
    channel.write(textFrame(type, data), channel.voidPromise());
  }

  @Override
  public void writeBinary(byte[] data) {
    channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)), channel.voidPromise());
  }

  @Override
  public void writeMessage(EngineMessage message) {
    Object frame;
    if (writesFinishedFrames()) {
      frame = FrameForms.of(message).frame();
    } else if (message.isBinary()) {
      frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.binary()));
    } else {
      frame = textFrame('4', message.text());
    }
    channel.write(frame, channel.voidPromise());
  }

  /** A copy of the part's finished frame in this connection's allocator, or null (deflate). */
  @Override
  public Object holdShared(EngineMessage part) {
    return writesFinishedFrames() ? FrameForms.of(part).copyFrame(channel.alloc()) : null;
  }

  /** Writes a retained duplicate of {@code held}, a frame {@link #holdShared} copied. */
  @Override
  public void writeShared(EngineMessage part, Object held) {
    if (!writesFinishedFrames() || !(held instanceof ByteBuf shared)) {
      writeMessage(part);
      return;
    }
    ByteBuf frame = shared.retainedDuplicate();
    ChannelHandlerContext ctx = flushContext();
    if (ctx == null || closeWrite != null) {
      channel.write(frame, channel.voidPromise()); // the whole pipeline: write drops it
      return;
    }
    // From the flush coalescer's context: a finished frame needs none of the handlers on the tail
    // side (the frame encoder has left; the close guard, this handler, lets frames by until its
    // close frame, checked above); the handlers towards the socket (TLS) still see it.
    ctx.write(frame, ctx.voidPromise());
  }

  @Override
  public void releaseShared(Object held) {
    ((ByteBuf) held).release();
  }

  @Override
  public void flush() {
    channel.flush(); // coalesced by FlushConsolidationHandler
  }

  /**
   * Flushes now, past the connection's flush coalescing (which, outside a read, would schedule one
   * more task for this connection): called once per loop pass for what broadcasts wrote.
   */
  @Override
  public void flushNow() {
    ChannelHandlerContext ctx = flushContext();
    if (ctx != null) {
      ctx.flush(); // the handlers between it and the socket (TLS) still see the flush
    } else {
      channel.flush();
    }
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public long pendingBytes() {
    ChannelOutboundBuffer out = channel.unsafe().outboundBuffer(); // null once closed
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  /**
   * Removes the {@link UpgradeBuffer}: bytes that came with the upgrade request flow in now, or
   * once the inbound is set when the session opened before (a new session opens inside {@link
   * dev.sio.engine.spi.EnginePort#openWebSocket}).
   */
  @Override
  public void startReading() {
    if (inbound == null) {
      readWhenBound = true;
      return;
    }
    UpgradeBuffer.release(channel.pipeline());
  }

  /** An empty buffer is written behind what was written so far; its promise completes in order. */
  @Override
  public void whenWritten(Runnable task) {
    if (!channel.isActive()) {
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

  /**
   * Sends a close frame and closes the connection once it is written; cuts the connection after
   * {@code closeTimeout} (the close guard's; ws: 30 s) if the frame cannot be written (a client
   * that does not read).
   */
  @Override
  public void close(int code) {
    if (!channel.isActive()) {
      channel.close();
      return;
    }
    CloseWebSocketFrame frame =
        code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, null);
    channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    ScheduledFuture<?> deadline =
        channel.eventLoop().schedule(this::abort, closeTimeoutMillis, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> deadline.cancel(false));
  }

  /** Cuts the connection with a TCP reset: queued frames are released, nothing more is sent. */
  @Override
  public void abort() {
    WebSocketCloseGuard.reset(channel);
  }

  /** The flush coalescer's context, looked up once; null if absent. */
  private ChannelHandlerContext flushContext() {
    ChannelHandlerContext ctx = flushContext;
    if (ctx == null || ctx.isRemoved()) {
      ctx = channel.pipeline().context(FLUSH_HANDLER);
      flushContext = ctx;
    }
    return ctx;
  }

  // ---- the close guard: every write from the tail passes here ----

  /**
   * Writes {@code msg} on unless a close frame was written before: the first close frame ends the
   * connection once written (or after the close timeout, with a reset), anything after it is
   * dropped ({@link WebSocketCloseGuard}'s rules).
   */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (closeWrite != null) {
      WebSocketCloseGuard.dropAfterClose(closeWrite, msg, promise);
    } else if (!(msg instanceof CloseWebSocketFrame)) {
      writeOn(ctx, msg, promise);
    } else {
      ChannelPromise written = WebSocketCloseGuard.closing(ctx, promise, closeTimeoutMillis);
      closeWrite = written; // before the write, which may end the connection at once
      writeOn(ctx, msg, written);
    }
  }

  /** Writes {@code msg} on, a Netty frame encoded here once the frame encoder has left. */
  private void writeOn(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!writesFinishedFrames() || !(msg instanceof WebSocketFrame frame)) {
      ctx.write(msg, promise);
      return;
    }
    ByteBuf encoded;
    try {
      encoded = FrameForms.encode(ctx.alloc(), frame); // consumes the frame
    } catch (RuntimeException e) {
      promise.tryFailure(e); // as the encoder's failure would fail the write
      return;
    }
    ctx.write(encoded, promise);
  }

  /**
   * A text packet as a frame. Without permessage-deflate, once the handshake is done, the finished
   * unmasked frame (header, type character, UTF-8 payload) is written into one pooled buffer: no
   * second buffer, no copy.
   */
  private Object textFrame(char type, CharSequence data) {
    int length = data == null || data.length() == 0 ? 0 : ByteBufUtil.utf8Bytes(data);
    int payload = 1 + length;
    if (!writesFinishedFrames()) {
      ByteBuf buf = channel.alloc().buffer(payload);
      buf.writeByte(type);
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
    buf.writeByte(type);
    if (length > 0) {
      ByteBufUtil.reserveAndWriteUtf8(buf, data, length);
    }
    return buf;
  }
}
