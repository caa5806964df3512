package dev.sio.engine.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's frame decoder, with {@link WebSocketHandshakes#isValidCloseCode} for the close frames it
 * receives and {@link WebSocketFrameRules} for every frame: a frame that breaks them is released,
 * the bytes after it are dropped, and its error goes to the handlers behind (which answer with its
 * close code); the frames decoded before it are delivered.
 *
 * <p>Made {@link #holding} it takes the HTTP codec's place at an upgrade request without
 * permessage-deflate (Netty's {@code replace} hands it what the codec had read after the request,
 * Node's {@code head}) and decodes nothing until {@link #release}: then what it held is decoded
 * first. At most {@value UpgradeBuffer#MAX_HELD} bytes are held; past that the connection closes.
 * Confined to the connection's event loop.
 */
final class StrictFrameDecoder extends WebSocket13FrameDecoder {
  private static final Logger log = LoggerFactory.getLogger(StrictFrameDecoder.class);

  /** Its pipeline name (also the name Netty's handshakers give their frame decoder). */
  static final String NAME = "wsdecoder";

  private final WebSocketFrameRules rules;
  private boolean failed; // channel loop: a rule was broken; every later byte is dropped
  private boolean holding; // channel loop: bytes are held, not decoded, until release
  // channel loop: > 0 until the first fragmented message, whose first frame adds the aggregator
  private int aggregateMax;

  // The last settings made, without and with permessage-deflate: immutable, so any thread may
  // reuse them; a server's endpoints usually share one maxHttpBufferSize, so an upgrade builds
  // none.
  private static volatile WebSocketDecoderConfig lastPlain;
  private static volatile WebSocketDecoderConfig lastDeflate;

  /** The settings for frames of at most {@code maxPayload} bytes, RSV bits only with deflate. */
  static WebSocketDecoderConfig config(int maxPayload, boolean deflate) {
    WebSocketDecoderConfig c = deflate ? lastDeflate : lastPlain;
    if (c != null && c.maxFramePayloadLength() == maxPayload) {
      return c;
    }
    c =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxPayload)
            .allowExtensions(deflate) // RSV bits only with permessage-deflate
            .allowMaskMismatch(false)
            .closeOnProtocolViolation(false) // WebSocketFrameHandler answers as ws does
            .build();
    if (deflate) {
      lastDeflate = c;
    } else {
      lastPlain = c;
    }
    return c;
  }

  StrictFrameDecoder(WebSocketDecoderConfig config) {
    super(config);
    this.rules = new WebSocketFrameRules(config.allowExtensions());
  }

  /** A decoder that holds what it reads until {@link #release}. */
  static StrictFrameDecoder holding(WebSocketDecoderConfig config) {
    StrictFrameDecoder d = new StrictFrameDecoder(config);
    d.holding = true;
    return d;
  }

  /** True while it holds what it reads ({@link #holding}, not yet released). */
  boolean isHolding() {
    return holding;
  }

  /**
   * Decodes from now on, first what was held, whose frames go to the handlers behind at once; its
   * context is {@code ctx}. Not to be called from within this decoder's own decoding.
   */
  void release(ChannelHandlerContext ctx) {
    if (!holding) {
      return;
    }
    holding = false;
    ByteBuf held = internalBuffer();
    if (held.isReadable() && !ctx.isRemoved()) {
      // as a read of nothing would: decodes the cumulation, fires its frames (and a violation's
      // error, which the pipeline would hand to this handler's exceptionCaught, that is, on)
      try {
        channelRead(ctx, Unpooled.EMPTY_BUFFER);
      } catch (Exception e) {
        ctx.fireExceptionCaught(e);
      }
      try {
        channelReadComplete(ctx);
      } catch (Exception e) {
        ctx.fireExceptionCaught(e);
      }
    }
  }

  /**
   * Adds Netty's frame aggregator (messages up to {@code maxContentLength}) before the handler
   * named {@link WebSocketAcceptor#FRAMES} when the first fragmented message begins, not at the
   * upgrade: most clients never fragment, and an idle connection then holds one handler fewer.
   */
  void aggregateOnFirstFragment(int maxContentLength) {
    this.aggregateMax = maxContentLength;
  }

  /**
   * Checks that text messages are UTF-8 here ({@link WebSocketFrameRules#checkUtf8}): for frames
   * that are not compressed, in place of a {@code Utf8FrameValidator} handler.
   */
  void checkUtf8() {
    rules.checkUtf8();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (holding) {
      if (in.readableBytes() > UpgradeBuffer.MAX_HELD) {
        log.debug(
            "{} more than {} bytes before the 101: closing",
            ctx.channel().id(),
            UpgradeBuffer.MAX_HELD);
        in.skipBytes(in.readableBytes());
        ctx.close();
      }
      return; // held: nothing is consumed until release
    }
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int before = out.size();
    super.decode(ctx, in, out);
    if (out.size() > before && out.get(out.size() - 1) instanceof WebSocketFrame frame) {
      CorruptedWebSocketFrameException violation = rules.violation(ctx.pipeline(), frame);
      if (violation != null) {
        failed = true;
        out.remove(out.size() - 1);
        frame.release();
        in.skipBytes(in.readableBytes());
        throw violation;
      }
      if (aggregateMax > 0
          && !frame.isFinalFragment()
          && (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)) {
        // before the frame leaves this decoder (it is fired once decode returns)
        ctx.pipeline()
            .addBefore(
                WebSocketAcceptor.FRAMES,
                WebSocketAcceptor.AGGREGATOR,
                new WebSocketFrameAggregator(aggregateMax));
        aggregateMax = 0;
      }
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    if (holding) {
      in.skipBytes(in.readableBytes()); // the connection ended before the frame pipeline existed
      return;
    }
    super.decodeLast(ctx, in, out);
  }

  @Override
  protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
    if (buffer != null && buffer.readableBytes() >= 2) {
      int code = buffer.getUnsignedShort(buffer.readerIndex());
      if (!WebSocketHandshakes.isValidCloseCode(code)) {
        throw new CorruptedWebSocketFrameException(
            WebSocketCloseStatus.PROTOCOL_ERROR, "invalid status code " + code);
      }
    }
    super.checkCloseFrameBody(ctx, buffer);
  }
}
