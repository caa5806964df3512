package dev.sio.client.internal;

import dev.sio.protocol.engineio.EnginePacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;

/**
 * permessage-deflate on the client's WebSocket, as the Node.js client does it with {@code ws}: the
 * extension is offered in the handshake; once the server accepts it, a frame is compressed when its
 * payload is at least the threshold and its packet was not emitted with {@code compress(false)}.
 * Frames from the server are inflated up to a bound. Event thread only.
 */
final class WebSocketDeflate {
  private static final int COMPRESSION_LEVEL = 6; // zlib's default, as ws
  private static final int MAX_WINDOW_BITS = 15;

  private WebSocketDeflate() {}

  /**
   * The extension handler to put before the frame handler, compressing frames of at least {@code
   * threshold} bytes and inflating at most {@code maxAllocation} bytes per message.
   */
  static ChannelHandler clientHandler(int threshold, int maxAllocation) {
    WebSocketExtensionFilter encoderFilter =
        frame -> frame instanceof Uncompressed || frame.content().readableBytes() < threshold;
    WebSocketExtensionFilterProvider filters =
        new WebSocketExtensionFilterProvider() {
          @Override
          public WebSocketExtensionFilter encoderFilter() {
            return encoderFilter;
          }

          @Override
          public WebSocketExtensionFilter decoderFilter() {
            return WebSocketExtensionFilter.NEVER_SKIP;
          }
        };
    return new WebSocketClientExtensionHandler(
        new PerMessageDeflateClientExtensionHandshaker(
            COMPRESSION_LEVEL, false, MAX_WINDOW_BITS, false, false, filters, maxAllocation));
  }

  /**
   * The frame of one packet in {@code framing}; {@code compress} false marks it so that it is sent
   * as is.
   */
  static WebSocketFrame frame(EnginePacket packet, boolean compress, EngineFraming framing) {
    if (packet.isBinary()) {
      byte[] data = framing.binaryFrame(packet.binary());
      return compress
          ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))
          : new UncompressedBinaryFrame(data);
    }
    String text = framing.textFrame(packet);
    return compress ? new TextWebSocketFrame(text) : new UncompressedTextFrame(text);
  }

  /** Marks a frame the deflate encoder must let through unchanged. */
  private interface Uncompressed {}

  private static final class UncompressedTextFrame extends TextWebSocketFrame
      implements Uncompressed {
    UncompressedTextFrame(String text) {
      super(text);
    }
  }

  private static final class UncompressedBinaryFrame extends BinaryWebSocketFrame
      implements Uncompressed {
    UncompressedBinaryFrame(byte[] data) {
      super(Unpooled.wrappedBuffer(data));
    }
  }
}
