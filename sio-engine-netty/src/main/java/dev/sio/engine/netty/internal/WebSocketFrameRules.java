package dev.sio.engine.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import java.util.Map;

/**
 * The frame rules of {@code ws}'s receiver that Netty's decoder does not have. A message may have
 * at most {@link #MAX_FRAGMENTS} frames ({@code ws}'s {@code maxFragments}; 1008 beyond). When
 * permessage-deflate was offered, Netty's decoder lets RSV bits through, so here RSV2 and RSV3 must
 * be clear and RSV1 is only allowed on the first frame of a text or binary message, once the
 * extension was negotiated (1002 otherwise). Applied by the frame decoder ({@link
 * WebSocketHandshakes.StrictFrameDecoder}) to each frame it makes, before the extension's decoder
 * and the aggregator see it: no handler of its own in the pipeline. Confined to the channel's loop.
 */
final class WebSocketFrameRules {
  /** Most frames in one message ({@code ws} 8: {@code maxFragments}, 16384). */
  static final int MAX_FRAGMENTS = 16 * 1024;

  private final boolean extensions; // whether the decoder lets RSV bits through
  private Boolean deflate; // channel loop: whether the extension's decoder is in the pipeline
  private int fragments; // channel loop: frames of the message being received

  /** Rules for a decoder that allows RSV bits when {@code extensions}. */
  WebSocketFrameRules(boolean extensions) {
    this.extensions = extensions;
  }

  /** The violation {@code f} commits (the connection must close with it), or null. */
  CorruptedWebSocketFrameException violation(ChannelPipeline pipeline, WebSocketFrame f) {
    boolean first = f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame;
    if (extensions && f.rsv() != 0) {
      if ((f.rsv() & (WebSocketExtension.RSV2 | WebSocketExtension.RSV3)) != 0) {
        return protocolError("RSV2 and RSV3 must be clear");
      }
      if (!first || !deflateNegotiated(pipeline)) {
        return protocolError("RSV1 must be clear");
      }
    }
    if (first || f instanceof ContinuationWebSocketFrame) {
      if (++fragments > MAX_FRAGMENTS) {
        return new CorruptedWebSocketFrameException(
            WebSocketCloseStatus.POLICY_VIOLATION, "Too many message fragments");
      }
      if (f.isFinalFragment()) {
        fragments = 0;
      }
    }
    return null;
  }

  private static CorruptedWebSocketFrameException protocolError(String message) {
    return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, message);
  }

  private boolean deflateNegotiated(ChannelPipeline pipeline) {
    if (deflate == null) {
      boolean found = false;
      for (Map.Entry<String, ChannelHandler> e : pipeline) {
        if (e.getValue() instanceof WebSocketExtensionDecoder) {
          found = true;
        }
      }
      deflate = found;
    }
    return deflate;
  }
}
