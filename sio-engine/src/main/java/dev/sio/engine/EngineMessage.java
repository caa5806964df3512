package dev.sio.engine;

import dev.sio.engine.internal.MessageAccess;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message prepared once and sent to many sessions (a broadcast). The engine caches each wire form
 * it needs (the finished WebSocket frame, the polling form) on first use and shares those bytes
 * with every session, so a broadcast to N clients encodes once.
 *
 * <p>Immutable and thread-safe.
 */
public final class EngineMessage {
  private final String text; // null for binary
  private final byte[] binary; // null for text
  // Engine-private caches of encoded forms, written racily but idempotently by any thread: the
  // polling text (the session layer's) and the WebSocket frame (the binding's).
  private volatile Object pollingCache;
  private volatile Object frameCache;

  static {
    MessageAccess.register(
        new MessageAccess.Accessor() {
          @Override
          public Object pollingCache(EngineMessage message) {
            return message.pollingCache;
          }

          @Override
          public void pollingCache(EngineMessage message, Object forms) {
            message.pollingCache = forms;
          }

          @Override
          public Object frameCache(EngineMessage message) {
            return message.frameCache;
          }

          @Override
          public void frameCache(EngineMessage message, Object forms) {
            message.frameCache = forms;
          }
        });
  }

  private EngineMessage(String text, byte[] binary) {
    this.text = text;
    this.binary = binary;
  }

  /**
   * {@return a text message}
   *
   * @param text a text message
   */
  public static EngineMessage text(String text) {
    return new EngineMessage(Objects.requireNonNull(text, "text"), null);
  }

  /**
   * {@return a binary message; the array must not be changed afterwards}
   *
   * @param data the data
   */
  public static EngineMessage binary(byte[] data) {
    return new EngineMessage(null, Objects.requireNonNull(data, "data"));
  }

  /** {@return true for a binary message} */
  public boolean isBinary() {
    return binary != null;
  }

  /** {@return the text of a text message, or {@code null}} */
  public String text() {
    return text;
  }

  /** {@return the bytes of a binary message (not a copy), or {@code null}} */
  public byte[] binary() {
    return binary;
  }

  @Override
  public String toString() {
    return isBinary()
        ? "EngineMessage[binary " + binary.length + " bytes]"
        : "EngineMessage[" + text.getBytes(StandardCharsets.UTF_8).length + " bytes of text]";
  }
}
