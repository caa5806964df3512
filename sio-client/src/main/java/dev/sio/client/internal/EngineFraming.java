package dev.sio.client.internal;

import dev.sio.client.ClientProtocol;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EngineV3PacketCodec;
import dev.sio.protocol.engineio.EngineV3PayloadCodec;
import dev.sio.protocol.engineio.PollingPayloadCodec;
import dev.sio.protocol.engineio.PollingPayloadCodec.PacketConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the client frames Engine.IO packets on the wire for one protocol generation, on top of the
 * codecs of {@code sio-protocol}.
 *
 * <ul>
 *   <li>v4: polling payloads are text packets joined by {@code \u001e} (binary as {@code
 *       b<base64>}); a WebSocket binary frame is the message's bytes.
 *   <li>v3: polling payloads are {@code <length>:<packet>} text records, or, as soon as a packet is
 *       binary, the binary payload ({@code application/octet-stream}); a WebSocket binary frame is
 *       the type byte {@code 4} and the bytes. The client supports binary, as the Node.js client
 *       over XHR and WebSocket, so it never asks for {@code b64=1}.
 * </ul>
 *
 * Stateless and thread-safe.
 */
abstract class EngineFraming {
  /** The content type of a binary polling payload (v3). */
  static final String OCTET_STREAM = "application/octet-stream";

  /** What a v4 client is told when a polling answer is a v3 handshake ({@code 96:0{"sid"…}). */
  static final String V3_SERVER =
      "the server answered with an Engine.IO v3 payload: it is a Socket.IO 2.x server; connect"
          + " with ClientOptions.builder().protocol(ClientProtocol.V2)";

  private static final Pattern V3_OPEN = Pattern.compile("[0-9]+:0\\{");

  static final EngineFraming V4 = new V4Framing();
  static final EngineFraming V3 = new V3Framing();

  /** The framing of {@code protocol}. */
  static EngineFraming of(ClientProtocol protocol) {
    return protocol == ClientProtocol.V2 ? V3 : V4;
  }

  /** The {@code EIO} query parameter. */
  abstract String eio();

  /** The body of a polling POST carrying {@code packets}. */
  abstract HttpRequester.Body encodePayload(List<EnginePacket> packets);

  /**
   * Decodes a polling GET response body, handing each packet to {@code consumer}.
   *
   * @param contentType the response's {@code Content-Type}, or null
   * @throws ProtocolException when the payload is malformed
   */
  abstract void decodePayload(String contentType, ByteBuf body, PacketConsumer consumer)
      throws ProtocolException;

  /** Decodes a WebSocket text frame. */
  abstract EnginePacket decodeText(String text) throws ProtocolException;

  /** Decodes a WebSocket binary frame. */
  abstract EnginePacket decodeBinary(byte[] frame) throws ProtocolException;

  /** The payload of the WebSocket binary frame of a binary message. */
  abstract byte[] binaryFrame(byte[] data);

  /** The text of the WebSocket text frame of a text packet. */
  final String textFrame(EnginePacket packet) {
    return EnginePacketCodec.encodeText(packet);
  }

  private static final class V4Framing extends EngineFraming {
    @Override
    String eio() {
      return "4";
    }

    @Override
    HttpRequester.Body encodePayload(List<EnginePacket> packets) {
      return HttpRequester.Body.text(PollingPayloadCodec.encode(packets));
    }

    @Override
    void decodePayload(String contentType, ByteBuf body, PacketConsumer consumer)
        throws ProtocolException {
      String text = body.toString(StandardCharsets.UTF_8);
      try {
        PollingPayloadCodec.decode(text, consumer);
      } catch (ProtocolException e) {
        if (V3_OPEN.matcher(text).lookingAt()) {
          throw new ProtocolException(V3_SERVER);
        }
        throw e;
      }
    }

    @Override
    EnginePacket decodeText(String text) throws ProtocolException {
      return EnginePacketCodec.decodeText(text);
    }

    @Override
    EnginePacket decodeBinary(byte[] frame) throws ProtocolException {
      return EnginePacketCodec.decodeBinary(frame);
    }

    @Override
    byte[] binaryFrame(byte[] data) {
      return data;
    }
  }

  private static final class V3Framing extends EngineFraming {
    @Override
    String eio() {
      return "3";
    }

    @Override
    HttpRequester.Body encodePayload(List<EnginePacket> packets) {
      for (EnginePacket p : packets) {
        if (p.isBinary()) {
          return new HttpRequester.Body(EngineV3PayloadCodec.encodeBinary(packets), OCTET_STREAM);
        }
      }
      return HttpRequester.Body.text(EngineV3PayloadCodec.encodeText(packets));
    }

    @Override
    void decodePayload(String contentType, ByteBuf body, PacketConsumer consumer)
        throws ProtocolException {
      if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(OCTET_STREAM)) {
        EngineV3PayloadCodec.decodeBinary(ByteBufUtil.getBytes(body), consumer);
      } else {
        EngineV3PayloadCodec.decodeText(body.toString(StandardCharsets.UTF_8), consumer);
      }
    }

    @Override
    EnginePacket decodeText(String text) throws ProtocolException {
      return EngineV3PacketCodec.decodeText(text);
    }

    @Override
    EnginePacket decodeBinary(byte[] frame) throws ProtocolException {
      return EngineV3PacketCodec.decodeBinary(frame);
    }

    @Override
    byte[] binaryFrame(byte[] data) {
      return EngineV3PacketCodec.encodeBinary(data);
    }
  }
}
