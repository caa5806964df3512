package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.spi.RequestBody;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EngineV3PacketCodec;
import dev.sio.protocol.engineio.EngineV3PayloadCodec;
import dev.sio.protocol.engineio.PollingPayloadCodec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Engine.IO v3 polling payloads of a session (Node's {@code parser-v3} as {@code Polling} and
 * {@code JSONP} use it): the response body for queued items (length-prefixed text, the binary
 * payload for a client that supports binary, or a JSONP call), and the packets of a POST body.
 * Stateless.
 */
final class PollingV3Payloads {
  private PollingV3Payloads() {}

  /** The JSONP prefix {@code ___eio[N](} for the {@code j} parameter (its digits only), as Node. */
  static String jsonpHead(String j) {
    StringBuilder digits = new StringBuilder("___eio[");
    for (int i = 0; i < j.length(); i++) {
      char c = j.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.append("](").toString();
  }

  /** True when one of {@code items} is binary (the payload is then binary, if supported). */
  static boolean hasBinary(List<Object> items) {
    for (Object item : items) {
      if (item instanceof EngineMessage m ? m.isBinary() : ((EnginePacket) item).isBinary()) {
        return true;
      }
    }
    return false;
  }

  /** The binary payload of {@code items}, then a close packet when {@code appendClose}. */
  static byte[] binary(List<Object> items, boolean appendClose) {
    EngineV3PayloadCodec.BinaryWriter w = new EngineV3PayloadCodec.BinaryWriter();
    for (Object item : items) {
      if (item instanceof EngineMessage m) {
        if (m.isBinary()) {
          w.binary(m.binary());
        } else {
          w.text(PollingForms.of(m).pollingText());
        }
      } else {
        EnginePacket p = (EnginePacket) item;
        if (p.isBinary()) {
          w.binary(p.binary());
        } else {
          w.text(EnginePacketCodec.encodeText(p));
        }
      }
    }
    if (appendClose) {
      w.text(EnginePacketCodec.encodeText(EnginePacket.CLOSE));
    }
    return w.toByteArray();
  }

  /** The text payload of {@code items} ({@code <length>:<packet>}…), wrapped when JSONP. */
  static String text(List<Object> items, boolean appendClose, String jsonpHead) {
    StringBuilder out = new StringBuilder();
    for (Object item : items) {
      String packet =
          item instanceof EngineMessage m
              ? PollingForms.pollingTextV3(m)
              : EngineV3PacketCodec.encodeText((EnginePacket) item);
      EngineV3PayloadCodec.appendRecord(packet, out);
    }
    if (appendClose) {
      EngineV3PayloadCodec.appendRecord(EnginePacketCodec.encodeText(EnginePacket.CLOSE), out);
    }
    if (out.length() == 0) {
      out.append(EngineV3PayloadCodec.EMPTY_TEXT);
    }
    if (jsonpHead == null) {
      return out.toString();
    }
    // valid JavaScript, not only JSON: U+2028 and U+2029 escaped too (Node's JSONP.doWrite)
    String js =
        Responses.jsonString(out.toString())
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029");
    return jsonpHead + js + ");";
  }

  /**
   * Decodes a POST body: the binary payload for {@code application/octet-stream}, the {@code d}
   * form field for JSONP (no {@code d}: nothing, as Node), else the text payload.
   */
  static void decode(
      RequestBody body,
      boolean octetStream,
      boolean jsonp,
      PollingPayloadCodec.PacketConsumer consumer)
      throws ProtocolException {
    if (octetStream) {
      EngineV3PayloadCodec.decodeBinary(body.toArray(), consumer);
      return;
    }
    String text = body.toString(0, body.length(), StandardCharsets.UTF_8);
    if (jsonp) {
      String d = formField(text, "d");
      if (d == null) {
        return;
      }
      text = unescapeNewlines(d);
    }
    EngineV3PayloadCodec.decodeText(text, consumer);
  }

  /** The one value of {@code name} in a form body, or null when absent or repeated (as qs). */
  static String formField(String form, String name) throws ProtocolException {
    String found = null;
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (!decodeForm(key).equals(name)) {
        continue;
      }
      if (found != null) {
        return null; // qs makes an array: not a string, ignored
      }
      found = eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
    }
    return found;
  }

  private static String decodeForm(String s) throws ProtocolException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("Invalid form encoding in JSONP payload", e);
    }
  }

  /**
   * The JSONP client escapes newlines as {@code \n} and {@code \n} as {@code \\n}: {@code \n}
   * becomes a newline and {@code \\n} becomes {@code \n} (Node's two replacements).
   */
  static String unescapeNewlines(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 2 < s.length() && s.charAt(i + 1) == '\\' && s.charAt(i + 2) == 'n') {
        out.append("\\n");
        i += 3;
      } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'n') {
        out.append('\n');
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
