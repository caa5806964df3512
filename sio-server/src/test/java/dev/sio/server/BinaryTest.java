package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BinaryTest extends ServerHarness {
  record Upload(String name, byte[] content) {}

  private Socket connect(TestClient c) throws Exception {
    CompletableFuture<Socket> connected = new CompletableFuture<>();
    io.onConnection(connected::complete);
    c.connect("/");
    return connected.get(5, TimeUnit.SECONDS);
  }

  @Test
  void byteArraysAnywhereBecomeAttachments() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    socket.emit(
        "files",
        new byte[] {1, 2},
        Map.of("nested", ByteBuffer.wrap(new byte[] {3})),
        new Upload("u", new byte[] {4, 5}));
    assertThat(c.nextText())
        .isEqualTo(
            "453-[\"files\",{\"_placeholder\":true,\"num\":0},{\"nested\":{\"_placeholder\":true,"
                + "\"num\":1}},{\"name\":\"u\",\"content\":{\"_placeholder\":true,\"num\":2}}]");
    assertThat(c.nextBinary()).containsExactly(1, 2);
    assertThat(c.nextBinary()).containsExactly(3);
    assertThat(c.nextBinary()).containsExactly(4, 5);
  }

  @Test
  void receivedAttachmentsAreBinaryNodesAndBindToByteArrays() throws Exception {
    start();
    io.onConnection(
        socket -> {
          socket.on(
              "raw",
              (args, ack) -> {
                seen.add(args.get(0).isBinary() + " " + args.get(0).binaryValue().length);
                ack.send(args.get(0));
              });
          socket.on("upload", Upload.class, (u, ack) -> seen.add(u.name() + u.content().length));
        });
    listen();
    TestClient c = client();
    c.connect("/");
    c.sendRaw("451-7[\"raw\",{\"_placeholder\":true,\"num\":0}]");
    c.sendBinary(new byte[] {9, 8, 7});
    assertThat(nextSeen()).isEqualTo("true 3");
    assertThat(c.nextText()).isEqualTo("461-7[{\"_placeholder\":true,\"num\":0}]");
    assertThat(c.nextBinary()).containsExactly(9, 8, 7);
    c.sendRaw("451-[\"upload\",{\"name\":\"f\",\"content\":{\"_placeholder\":true,\"num\":0}}]");
    c.sendBinary(new byte[] {1, 1});
    assertThat(nextSeen()).isEqualTo("f2");
  }

  @Test
  void binaryOverPolling() throws Exception {
    start();
    io.onConnection(
        socket -> socket.on("echo", (args, ack) -> socket.emit("echo", args.toArray())));
    listen();
    TestClient c = pollingClient();
    c.connect("/");
    c.sendRaw("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]");
    c.sendBinary(new byte[] {1, 2, 3, 4});
    assertThat(c.nextText()).isEqualTo("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(c.nextBinary()).containsExactly(1, 2, 3, 4);
  }
}
