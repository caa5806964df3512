package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.msgpack.MsgpackParser;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import org.junit.jupiter.api.Test;

/** The server with the msgpack parser: every packet is one binary Engine.IO message. */
class MsgpackParserTest extends ServerHarness {

  @Test
  void connectEventsAckAndBinaryOverMsgpack() throws Exception {
    start(b -> b.parser(MsgpackParser.create()));
    io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray())));
    listen();
    Parser client = MsgpackParser.create();
    Parser.Decoder decoder = client.newDecoder();
    TestClient c = client();
    for (Object part : client.encode(new SocketPacket(SocketPacketType.CONNECT, "/", null, -1))) {
      c.sendBinary((byte[]) part);
    }
    SocketPacket connect = decoder.decode(c.nextBinary());
    assertThat(connect.type()).isEqualTo(SocketPacketType.CONNECT);
    assertThat(connect.data().get("sid").asText()).hasSize(20);

    ArrayNode data = JsonNodeFactory.instance.arrayNode();
    data.add("echo").add(42).add(BinaryNode.valueOf(new byte[] {1, 2, 3}));
    for (Object part : client.encode(new SocketPacket(SocketPacketType.EVENT, "/", data, 7))) {
      c.sendBinary((byte[]) part);
    }
    SocketPacket ack = decoder.decode(c.nextBinary());
    assertThat(ack.type()).isEqualTo(SocketPacketType.ACK);
    assertThat(ack.id()).isEqualTo(7);
    assertThat(ack.data().get(0).asInt()).isEqualTo(42);
    assertThat(ack.data().get(1).binaryValue()).containsExactly(1, 2, 3);
  }
}
