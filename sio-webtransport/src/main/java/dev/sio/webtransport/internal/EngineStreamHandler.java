package dev.sio.webtransport.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.WebTransportInbound;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EngineStreamCodec;
import dev.sio.protocol.engineio.EngineStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine.IO stream of one WebTransport session, after its {@code 0x41} and session id: reads
 * frames with {@link EngineStreamDecoder} (the first packet goes to {@link
 * dev.sio.engine.spi.EnginePort#openWebTransport}, the rest to the session), and is the session's
 * {@link MessageChannel}, writing each packet as one {@link EngineStreamCodec} frame. Reads run on
 * the QUIC connection's loop; the session may write from its own loop (an upgraded polling
 * session), which Netty hands to this loop in order.
 */
final class EngineStreamHandler extends ChannelInboundHandlerAdapter implements MessageChannel {
  private static final Logger log = LoggerFactory.getLogger(EngineStreamHandler.class);

  private final WebTransportSession session;
  private final QuicStreamChannel stream;
  private final EngineStreamDecoder decoder;
  private WebTransportInbound inbound; // the loop: null until the first packet was taken
  private boolean refused; // the loop: the first packet was refused, the rest is dropped
  private boolean notified; // the loop: inbound heard onClosed
  private volatile ChannelFuture lastWrite; // any thread: whenWritten waits for it

  EngineStreamHandler(WebTransportSession session, QuicStreamChannel stream) {
    this.session = session;
    this.stream = stream;
    this.decoder = new EngineStreamDecoder(session.port().options().maxHttpBufferSize());
    this.lastWrite = stream.newSucceededFuture();
  }

  // ---- inbound (the loop) ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (refused || notified) {
        return;
      }
      byte[] bytes = ByteBufUtil.getBytes(buf);
      decoder.decode(bytes, this::onPacket);
    } catch (ProtocolException e) {
      if (inbound == null) {
        log.debug("WebTransport session {}: invalid handshake: {}", session.id(), e.getMessage());
        refused = true;
        session.close();
      } else {
        inbound.onParseError(e.getMessage());
      }
    } finally {
      buf.release();
    }
  }

  private void onPacket(EnginePacket packet) {
    if (refused) {
      return;
    }
    if (inbound != null) {
      inbound.onPacketRead(packet);
      return;
    }
    session.firstPacketRead();
    inbound =
        session
            .port()
            .openWebTransport(
                session.request(), (SessionExecutor) stream.eventLoop(), this, packet);
    if (inbound == null) {
      refused = true;
      session.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      session.close(); // the client writes no more: the session ends, as a close capsule would
      session.onPeerClosed();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (inbound != null) {
      inbound.onWritabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.onPeerClosed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a reset after a close is part of the close (Chromium resets the stream once closed)
    log.debug("WebTransport session {}: stream failed: {}", session.id(), cause.toString());
    session.onPeerClosed();
  }

  /** The session ended: the Engine.IO session hears "transport close", once. */
  void notifyClosed() {
    if (notified) {
      return;
    }
    notified = true;
    if (inbound != null) {
      inbound.onClosed();
    }
  }

  /** FIN on the stream (the server writes no more). */
  void finish() {
    if (stream.isActive()) {
      stream.shutdownOutput();
    }
  }

  /** Resets the stream (RESET_STREAM and STOP_SENDING). */
  void reset() {
    if (stream.isActive()) {
      stream.shutdown(WebTransportProtocol.STREAM_REJECTED);
    }
  }

  // ---- MessageChannel (the session's loop) ----

  @Override
  public void writeText(char type, CharSequence data) {
    String text =
        data == null || data.length() == 0 ? String.valueOf(type) : type + data.toString();
    write(EngineStreamCodec.encodeUtf8(text), false);
  }

  @Override
  public void writeBinary(byte[] data) {
    write(data, true);
  }

  @Override
  public void writeMessage(EngineMessage message) {
    if (message.isBinary()) {
      write(message.binary(), true);
    } else {
      writeText('4', message.text());
    }
  }

  private void write(byte[] payload, boolean binary) {
    byte[] header = EngineStreamCodec.header(payload.length, binary);
    lastWrite = stream.write(Unpooled.wrappedBuffer(header, payload));
  }

  @Override
  public void flush() {
    stream.flush();
  }

  @Override
  public boolean isWritable() {
    return stream.isWritable();
  }

  @Override
  public long pendingBytes() {
    ChannelOutboundBuffer buffer = stream.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  @Override
  public void whenWritten(Runnable task) {
    lastWrite.addListener(
        f -> {
          if (f.isSuccess() && stream.isActive()) {
            task.run();
          }
        });
  }

  @Override
  public void close(int code) {
    onLoop(session::close);
  }

  @Override
  public void abort() {
    onLoop(session::abort);
  }

  private void onLoop(Runnable task) {
    if (stream.eventLoop().inEventLoop()) {
      task.run();
    } else {
      stream.eventLoop().execute(task);
    }
  }
}
