package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EngineV3PacketCodec;

/**
 * The forms of one {@link EngineMessage} that the session layer makes once and shares with every
 * recipient: the text form in a polling payload ({@code 4…} or {@code b<base64>}), its UTF-8 size,
 * and the Engine.IO v3 forms of a binary message. The WebSocket frames are the binding's ({@link
 * FrameForms} on Netty), cached beside these in the message.
 *
 * <p>Made on first use by any thread; racing threads make equal copies.
 */
public final class PollingForms {
  private final String pollingText;
  private int pollingBytes = -1; // any thread, racy but idempotent: the UTF-8 size, -1 before use
  // Engine.IO v3, binary messages only, made on first use (any thread): the text form b4<base64>,
  // and the message whose v4 frame is the v3 one (its bytes behind the type byte 4).
  private volatile String v3Text;
  private volatile EngineMessage v3Frames;

  private PollingForms(String pollingText) {
    this.pollingText = pollingText;
  }

  /** The forms of {@code message}, made on first use. */
  public static PollingForms of(EngineMessage message) {
    MessageAccess.Accessor access = MessageAccess.get();
    Object cached = access.pollingCache(message);
    if (cached instanceof PollingForms forms) {
      return forms;
    }
    PollingForms forms =
        new PollingForms(
            message.isBinary()
                ? EnginePacketCodec.encodeText(EnginePacket.binary(message.binary()))
                : EnginePacketCodec.encodeText(EnginePacket.message(message.text())));
    access.pollingCache(message, forms);
    return forms;
  }

  /** The text form in a polling payload ({@code 4…} or {@code b…}). */
  public String pollingText() {
    return pollingText;
  }

  /** The UTF-8 size of {@link #pollingText} (what the message holds in a write buffer). */
  public long pollingBytes() {
    int n = pollingBytes;
    if (n < 0) {
      n = Utf8.length(pollingText);
      pollingBytes = n;
    }
    return n;
  }

  /** Engine.IO v3: the text form, {@code 4…}, or {@code b4<base64>} for a binary message. */
  public static String pollingTextV3(EngineMessage message) {
    PollingForms forms = of(message);
    if (!message.isBinary()) {
      return forms.pollingText;
    }
    String text = forms.v3Text;
    if (text == null) {
      text = EngineV3PacketCodec.base64Message(message.binary());
      forms.v3Text = text;
    }
    return text;
  }

  /**
   * Engine.IO v3: the message whose frame is {@code message}'s v3 frame, for a client that supports
   * binary. A binary message's frame starts with the type byte {@code 4}, so it is a binary message
   * of those bytes (made once; its frame is cached in it as any message's); a text message's frame
   * is the v4 one, so it is {@code message} itself.
   */
  public static EngineMessage v3Frames(EngineMessage message) {
    if (!message.isBinary()) {
      return message;
    }
    PollingForms forms = of(message);
    EngineMessage frames = forms.v3Frames;
    if (frames == null) {
      frames = EngineMessage.binary(EngineV3PacketCodec.encodeBinary(message.binary()));
      forms.v3Frames = frames;
    }
    return frames;
  }
}
