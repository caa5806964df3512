package dev.sio.engine.netty.internal;

import io.netty.buffer.ByteBuf;
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
 * extension was negotiated (1002 otherwise). Without the extension, once {@link #checkUtf8} was
 * called, a text message must be UTF-8 across its frames (RFC 6455 8.1; 1007 otherwise, with the
 * message of Netty's {@code Utf8FrameValidator}, which takes this job when the frames are
 * compressed). Applied by the frame decoder ({@link WebSocketHandshakes.StrictFrameDecoder}) to
 * each frame it makes, before the extension's decoder and the aggregator see it: no handler of its
 * own in the pipeline. Confined to the channel's loop.
 */
final class WebSocketFrameRules {
  /** Most frames in one message ({@code ws} 8: {@code maxFragments}, 16384). */
  static final int MAX_FRAGMENTS = 16 * 1024;

  private final boolean extensions; // whether the decoder lets RSV bits through
  private Boolean deflate; // channel loop: whether the extension's decoder is in the pipeline
  private int fragments; // channel loop: frames of the message being received
  private boolean utf8; // channel loop: text messages are checked here (no deflate)
  private boolean inText; // channel loop: the message being received is text
  // Channel loop: the UTF-8 check between two bytes: 0 at a character's end, else the
  // continuation bytes still expected (bits 0-1) and the range of the next one (low, high bytes).
  private int utf8State;

  /** Rules for a decoder that allows RSV bits when {@code extensions}. */
  WebSocketFrameRules(boolean extensions) {
    this.extensions = extensions;
  }

  /**
   * Checks that text messages are UTF-8 from now on: called when the frames reach the handlers
   * uncompressed, in place of Netty's {@code Utf8FrameValidator}.
   */
  void checkUtf8() {
    utf8 = true;
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
      if (utf8) {
        return utf8Violation(f, f instanceof TextWebSocketFrame);
      }
    }
    return null;
  }

  private CorruptedWebSocketFrameException utf8Violation(WebSocketFrame f, boolean text) {
    if (text) {
      inText = true;
      utf8State = 0;
    }
    if (!inText) {
      return null;
    }
    ByteBuf content = f.content();
    int state = utf8State;
    for (int i = content.readerIndex(), end = content.writerIndex(); i < end; i++) {
      state = next(state, content.getByte(i) & 0xff);
      if (state < 0) {
        break;
      }
    }
    utf8State = state;
    if (f.isFinalFragment()) {
      inText = false;
      if (state != 0) {
        state = -1; // the message ends inside a character
      }
    }
    return state < 0
        ? new CorruptedWebSocketFrameException(
            WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bytes are not UTF-8")
        : null;
  }

  /** The check's state after byte {@code b} (RFC 3629 4), or -1 when the bytes are not UTF-8. */
  static int next(int state, int b) {
    if (state != 0) {
      if (b < ((state >> 8) & 0xff) || b > (state >>> 16)) {
        return -1;
      }
      int left = (state & 3) - 1;
      return left == 0 ? 0 : left | 0x80 << 8 | 0xbf << 16;
    }
    if (b < 0x80) {
      return 0;
    }
    if (b < 0xc2) {
      return -1; // a continuation byte first, or an overlong two-byte form
    }
    if (b < 0xe0) {
      return 1 | 0x80 << 8 | 0xbf << 16;
    }
    if (b < 0xf0) {
      int low = b == 0xe0 ? 0xa0 : 0x80; // E0: no overlong form
      int high = b == 0xed ? 0x9f : 0xbf; // ED: no surrogate
      return 2 | low << 8 | high << 16;
    }
    if (b < 0xf5) {
      int low = b == 0xf0 ? 0x90 : 0x80; // F0: no overlong form
      int high = b == 0xf4 ? 0x8f : 0xbf; // F4: nothing above U+10FFFF
      return 3 | low << 8 | high << 16;
    }
    return -1;
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
