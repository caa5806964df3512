package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A room broadcast to a client that does not read (a raw socket with a tiny receive buffer) closes
 * that client at {@code maxBufferedBytes} with {@code "transport error"}, and only that client: a
 * reading room member gets every event, a client doing acked echoes every 50 ms sees none late.
 */
@Timeout(60)
class SlowClientTest extends ServerHarness {

  /** Connects a raw WebSocket, joins "/" and stops reading. */
  private static Socket nonReadingClient(int port) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(5000);
    OutputStream out = s.getOutputStream();
    out.write(
        ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = s.getInputStream();
    int last = 0;
    StringBuilder head = new StringBuilder();
    while (last != 0x0d0a0d0a) { // the 101 response, up to CRLF CRLF
      int c = in.read();
      assertThat(c).as("the handshake's answer: " + head).isNotNegative();
      head.append((char) c);
      last = (last << 8) | c;
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
    int b0 = in.read();
    int len = in.read();
    assertThat(b0).as("a text frame").isEqualTo(0x81);
    assertThat(new String(in.readNBytes(len), StandardCharsets.UTF_8)).startsWith("0{");
    // "40" then 42["join"] as masked text frames (mask 0: the payload is unchanged)
    out.write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', '0'});
    byte[] join = "42[\"join\"]".getBytes(StandardCharsets.US_ASCII);
    out.write(new byte[] {(byte) 0x81, (byte) (0x80 | join.length), 0, 0, 0, 0});
    out.write(join);
    out.flush();
    return s;
  }

  @Test
  void aRoomBroadcastToAClientThatDoesNotReadClosesOnlyThatClient() throws Exception {
    start(b -> b.engine(e -> e.maxBufferedBytes(1 << 20)));
    io.onConnection(
        socket -> {
          socket.on("join", (args, ack) -> socket.join("room")); // not the echoer
          socket.on("echo", (args, ack) -> ack.send(args.get(0)));
          socket.onDisconnect(reason -> seen.add(socket.id() + " " + reason));
        });
    listen();
    TestClient member = client();
    String memberId = member.connect("/").get("sid").asText();
    member.sendRaw("42[\"join\"]");
    TestClient echoer = client();
    String echoerId = echoer.connect("/").get("sid").asText();
    Socket slow = nonReadingClient(io.port());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (io.engine().clientsCount() < 3 && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
    }
    Thread.sleep(200); // the slow client's CONNECT is handled
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger late = new AtomicInteger();
    AtomicInteger echoes = new AtomicInteger();
    Thread echoLoop =
        new Thread(
            () -> {
              for (int i = 0; i < 400 && !stop.get(); i++) { // 20 s at most
                try {
                  echoer.sendRaw("42" + i + "[\"echo\"," + i + "]");
                  Object answer = echoer.received.poll(2, TimeUnit.SECONDS);
                  if (("43" + i + "[" + i + "]").equals(answer)) {
                    echoes.incrementAndGet();
                  } else {
                    late.incrementAndGet();
                  }
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    echoLoop.start();

    String payload = "x".repeat(1000);
    int sent = 0;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // 20 000 events of 1 KB at most, ~4 MB/s (what a reading client takes on a loaded machine),
    // until the slow client is dropped
    while (io.engine().clientsCount() == 3 && sent < 20_000 && System.nanoTime() - deadline < 0) {
      for (int i = 0; i < 20; i++) {
        io.to("room").emit("tick", payload);
        sent++;
      }
      Thread.sleep(5);
    }
    String dropped = (String) nextSeen();
    assertThat(dropped).endsWith(" transport error");
    assertThat(dropped.split(" ")[0]).as("not the member").isNotEqualTo(memberId);
    assertThat(dropped.split(" ")[0]).as("not the echoer").isNotEqualTo(echoerId);
    assertThat(sent).as("events sent before the drop").isLessThan(20_000);

    // the non-reading client's connection was cut: a reset, or EOF after what its kernel held
    slow.setSoTimeout(5000);
    long read = 0;
    InputStream in = slow.getInputStream();
    byte[] buf = new byte[65536];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        read += n;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection of the dropped client is still open", e);
    } catch (IOException e) {
      // reset
    }
    assertThat(read).as("bytes the dropped client could still read").isLessThan(1 << 20);
    slow.close();

    for (int i = 0; i < sent; i++) {
      assertThat(member.nextText()).as("event " + i).isEqualTo("42[\"tick\",\"" + payload + "\"]");
    }
    stop.set(true); // the loop ends after its current round
    echoLoop.join(5000);
    assertThat(late.get()).as("late or missing acks").isZero();
    assertThat(echoes.get()).isPositive();
    assertThat(io.engine().clientsCount()).isEqualTo(2);
  }
}
