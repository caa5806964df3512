package dev.sio.engine.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the bytes that follow a WebSocket upgrade request (Node's {@code head}) until the frame
 * pipeline is in place, then hands them to the WebSocket decoder: a client may send its first
 * frames in the same write as the request, and they are neither parsed as HTTP nor lost.
 *
 * <p>At the upgrade request the HTTP codec is replaced (Netty's {@code replace} forwards what the
 * HTTP decoder had buffered after the request to the replacement). Without Netty's WebSocket
 * compression handler in the pipeline (permessage-deflate off, Node's default) the replacement is
 * the frame decoder itself, holding ({@link StrictFrameDecoder#holding}): the {@code 101} is
 * written as bytes and no HTTP encoder is needed, but for a refusal ({@link #responseEncoder}).
 * With it, Netty's handshaker answers, so the replacement is this buffer, a decoder that never sees
 * a byte (the handshaker replaces it with its frame decoder) and a response encoder. {@link
 * #release} lets the held bytes flow into the frame decoder once the frame handlers are installed.
 * At most {@value #MAX_HELD} bytes are held (a client has no reason to send more before the {@code
 * 101}): past that the connection closes. Confined to the connection's event loop.
 */
final class UpgradeBuffer extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(UpgradeBuffer.class);
  static final String NAME = "upgradebuf";
  static final int MAX_HELD = 64 * 1024;
  // The placeholder decoder is never fed: the smallest parser buffers will do.
  private static final HttpDecoderConfig PLACEHOLDER =
      new HttpDecoderConfig().setInitialBufferSize(1);

  /**
   * Replaces the HTTP codec {@code codecName} of {@code p} for an upgrade to an endpoint whose
   * messages are at most {@code maxPayload} bytes: called on the upgrade request, while the codec
   * is still delivering it.
   */
  static void install(ChannelPipeline p, String codecName, int maxPayload) {
    if (!(p.get(codecName) instanceof HttpServerCodec)) {
      return;
    }
    if (p.get(WebSocketServerCompressionHandler.class) == null) {
      p.replace(
          codecName,
          StrictFrameDecoder.NAME,
          StrictFrameDecoder.holding(StrictFrameDecoder.config(maxPayload, false)));
      return;
    }
    p.replace(codecName, NAME, new UpgradeBuffer());
    p.addAfter(NAME, "httpdecoder", new HttpRequestDecoder(PLACEHOLDER)); // never fed
    p.addAfter("httpdecoder", codecName, new HttpResponseEncoder());
  }

  /**
   * Adds an HTTP response encoder before {@code ctx} when the upgrade's {@link #install} left none
   * (a refusal of the upgrade is an HTTP response).
   */
  static void responseEncoder(ChannelHandlerContext ctx) {
    ChannelPipeline p = ctx.pipeline();
    if (p.get(StrictFrameDecoder.NAME) instanceof StrictFrameDecoder d
        && d.isHolding()
        && p.get(HttpResponseEncoder.class) == null) {
      p.addBefore(ctx.name(), "httpencoder", new HttpResponseEncoder());
    }
  }

  /** Hands the held bytes to the frame decoder; reading goes straight to it from now on. */
  static void release(ChannelPipeline p) {
    ChannelHandlerContext held = p.context(StrictFrameDecoder.NAME);
    if (held != null && held.handler() instanceof StrictFrameDecoder d && d.isHolding()) {
      d.release(held);
      return;
    }
    if (p.get(NAME) != null) {
      p.remove(NAME); // ByteToMessageDecoder forwards what it holds to the next handler
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() > MAX_HELD) {
      log.debug("{} more than {} bytes before the 101: closing", ctx.channel().id(), MAX_HELD);
      in.skipBytes(in.readableBytes());
      ctx.close();
    }
    // else held: nothing is consumed until release
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    in.skipBytes(in.readableBytes()); // the connection ended before the frame pipeline existed
  }
}
