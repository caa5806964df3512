package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw WebSocket client with a tiny receive buffer that reads the handshake and the open packet,
 * then stops reading: the client whose frames pile up on the server. It can still send (masked text
 * frames), and {@link #readUntilEnd} tells how the server ended the connection.
 */
final class SlowReader implements AutoCloseable {
  final Socket socket;
  final String sid;
  private final InputStream in;
  private final OutputStream out;

  private SlowReader(Socket socket, String sid) throws IOException {
    this.socket = socket;
    this.sid = sid;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code path?query} on 127.0.0.1:{@code port}; reads up to the open packet. */
  static SlowReader connect(int port, String pathAndQuery) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096); // before connect: the window the server sees stays tiny
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(5000);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request =
        "GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\n\r\n";
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = s.getInputStream();
    String head = readHead(in);
    assertThat(head).startsWith("HTTP/1.1 101");
    String open = readTextFrame(in);
    assertThat(open).startsWith("0{\"sid\":\"");
    return new SlowReader(s, open.substring(9, open.indexOf('"', 9)));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last = 0;
    while (last != 0x0d0a0d0a) { // up to CRLF CRLF
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.write(b);
      last = (last << 8) | b;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readTextFrame(InputStream in) throws IOException {
    int b0 = in.read();
    int b1 = in.read();
    if (b0 != 0x81 || b1 < 0 || b1 > 125) {
      throw new IOException("expected a short text frame, got " + b0 + " " + b1);
    }
    return new String(in.readNBytes(b1), StandardCharsets.UTF_8);
  }

  /** Sends a masked text frame (writing does not need reading). */
  synchronized void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("short frames only");
    }
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(frame);
    out.flush();
  }

  /** How the connection ended, and how much the client could still read before the end. */
  record End(String how, long bytesRead) {}

  /**
   * Reads and discards until the server's end of the connection (EOF or reset); fails if it has not
   * ended within {@code millis}.
   */
  End readUntilEnd(long millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    byte[] buf = new byte[65536];
    long total = 0;
    socket.setSoTimeout(250);
    while (true) {
      try {
        int n = in.read(buf);
        if (n < 0) {
          return new End("EOF", total);
        }
        total += n;
      } catch (SocketTimeoutException e) {
        // nothing yet
      } catch (IOException e) {
        return new End("reset: " + e.getMessage(), total);
      }
      assertThat(System.nanoTime() - deadline)
          .as("the server ended the connection within %d ms (%d bytes read)", millis, total)
          .isNegative();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
