package dev.sio.servlet.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw HTTP/1.1 and WebSocket client for exact answers: what java.net.http does not let a test
 * send (its own Upgrade headers, bad keys, frames over a limit). Every read has a 5 s deadline.
 */
public final class RawHttp implements AutoCloseable {
  /** A response: its status, its head (lower-cased names) and its body. */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    this(port, 0);
  }

  /** With a receive buffer of {@code receiveBuffer} bytes (0: the system's). */
  RawHttp(int port, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(5_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads a response head and a body of its Content-Length (or none). */
  Response read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the head: " + head);
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') ? (matched + 1) : 0;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(h.substring(9, 12));
    Response r = new Response(status, h, "");
    String length = r.header("content-length");
    int n = length == null ? 0 : Integer.parseInt(length);
    byte[] body = in.readNBytes(n);
    return new Response(status, h, new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Reads to the end of the connection: {@code true} when the server closed it in order (a FIN),
   * {@code false} when it reset it; what arrives meanwhile is dropped.
   */
  boolean closesInOrder() throws IOException {
    try {
      while (in.read() >= 0) {
        // dropped
      }
      return true;
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  /** {@code request} for {@code target} with {@code headers} (CRLF-separated) and a body. */
  Response exchange(String method, String target, String headers, String body) throws IOException {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    write(
        method
            + " "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + headers
            + (body == null ? "" : "Content-Length: " + b.length + "\r\n")
            + "\r\n");
    if (b.length > 0) {
      write(b);
    }
    return read();
  }

  /** The headers of a WebSocket upgrade, with {@code key} and {@code version}. */
  static String upgrade(String key, String version) {
    return "Connection: Upgrade\r\nUpgrade: websocket\r\n"
        + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
        + (version == null ? "" : "Sec-WebSocket-Version: " + version + "\r\n");
  }

  /** Writes one masked client frame. */
  public void frame(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
    f.write(0x80 | opcode);
    int n = payload.length;
    if (n < 126) {
      f.write(0x80 | n);
    } else if (n <= 0xFFFF) {
      f.write(0x80 | 126);
      f.write(n >>> 8);
      f.write(n);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) n >>> (8 * i)));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    f.write(mask, 0, 4);
    for (int i = 0; i < n; i++) {
      f.write(payload[i] ^ mask[i & 3]);
    }
    write(f.toByteArray());
  }

  private byte[] payload() throws IOException {
    int len = in.read() & 0x7f;
    long n = len;
    if (len == 126) {
      n = (in.read() << 8) | in.read();
    } else if (len == 127) {
      n = 0;
      for (int i = 0; i < 8; i++) {
        n = (n << 8) | in.read();
      }
    }
    return in.readNBytes((int) n);
  }

  /**
   * Reads server frames until a close frame, answering Engine.IO pings ({@code 2}) with pongs;
   * {@return its code, or -1 for none}
   */
  public int readCloseCode() throws IOException {
    for (; ; ) {
      int b0 = in.read();
      if (b0 < 0) {
        throw new IOException("connection ended without a close frame");
      }
      byte[] payload = payload();
      if ((b0 & 0x0f) == 8) {
        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
      }
      if ((b0 & 0x0f) == 1 && payload.length == 1 && payload[0] == '2') {
        frame(1, new byte[] {'3'});
      }
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
