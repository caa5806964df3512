package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a raw socket that writes handcrafted frames (any bits, masked or not) and
 * reads the server's frames byte for byte. Every read has a 5 s timeout.
 */
final class RawWs implements AutoCloseable {
  /** A frame received from the server. */
  record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** A valid key (base64 of 16 bytes). */
  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  final Socket socket;
  final OutputStream out;
  final DataInputStream in;

  /** The status line and headers of the handshake's answer. */
  String responseHead;

  private RawWs(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5000);
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Sends an opening handshake for {@code pathAndQuery} and reads the answer's head. */
  static RawWs open(int port, String pathAndQuery) throws IOException {
    return request(
        port,
        "GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + KEY
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }

  /** Sends {@code request} as it is and reads the answer's head. */
  static RawWs request(int port, String request) throws IOException {
    RawWs ws = new RawWs(new Socket("127.0.0.1", port));
    ws.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    ws.out.flush();
    ws.responseHead = ws.readHead();
    return ws;
  }

  /** Sends {@code request} without reading anything. */
  static RawWs send(int port, String request) throws IOException {
    RawWs ws = new RawWs(new Socket("127.0.0.1", port));
    ws.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    ws.out.flush();
    return ws;
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed in the response head: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads the body of a response whose head said {@code Content-Length}. */
  String readBody() throws IOException {
    int length = -1;
    for (String line : responseHead.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    assertThat(length).as("Content-Length in " + responseHead).isGreaterThanOrEqualTo(0);
    byte[] body = new byte[length];
    in.readFully(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Sends {@code request} and {@code extra} in one write, then reads the answer's head. */
  static RawWs request(int port, String request, byte[] extra) throws IOException {
    RawWs ws = new RawWs(new Socket("127.0.0.1", port));
    byte[] head = request.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = java.util.Arrays.copyOf(head, head.length + extra.length);
    System.arraycopy(extra, 0, all, head.length, extra.length);
    ws.out.write(all);
    ws.out.flush();
    ws.responseHead = ws.readHead();
    return ws;
  }

  /** An opening handshake request for {@code pathAndQuery}. */
  static String upgradeRequest(String pathAndQuery) {
    return "GET "
        + pathAndQuery
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: "
        + KEY
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }

  /** Writes one frame; masked with a random key when {@code masked}. */
  void frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
    out.write(encode(fin, rsv, opcode, payload, masked));
    out.flush();
  }

  /** A masked, final text frame's bytes. */
  static byte[] textFrame(String s) {
    return encode(true, 0, 1, s.getBytes(StandardCharsets.UTF_8), true);
  }

  /** One frame's bytes; masked with a random key when {@code masked}. */
  static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      f.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      f.write(maskBit | 126);
      f.write(payload.length >>> 8);
      f.write(payload.length & 0xFF);
    } else {
      f.write(maskBit | 127);
      long n = payload.length;
      for (int i = 7; i >= 0; i--) {
        f.write((int) (n >>> (8 * i)) & 0xFF);
      }
    }
    byte[] data = payload.clone();
    if (masked) {
      byte[] key = new byte[4];
      ThreadLocalRandom.current().nextBytes(key);
      f.write(key, 0, 4);
      for (int i = 0; i < data.length; i++) {
        data[i] ^= key[i & 3];
      }
    }
    f.write(data, 0, data.length);
    return f.toByteArray();
  }

  /** A final, masked frame without RSV bits. */
  void frame(int opcode, byte[] payload) throws IOException {
    frame(true, 0, opcode, payload, true);
  }

  void text(String s) throws IOException {
    frame(1, s.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the next frame (the server's frames are never masked). */
  Frame read() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    assertThat(b1 & 0x80).as("server frames are not masked").isZero();
    long len = b1 & 0x7F;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, payload);
  }

  /** Reads frames until a close frame and returns its payload. */
  byte[] readClose() throws IOException {
    while (true) {
      Frame f = read();
      if (f.opcode() == 8) {
        return f.payload();
      }
    }
  }

  /**
   * True when the server ends the connection (EOF or reset) within {@code millis}, reading and
   * dropping whatever comes before.
   */
  boolean endsWithin(long millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    InputStream raw = socket.getInputStream();
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        if (raw.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true; // reset
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A close payload: the code, big-endian, then {@code reason}. */
  static byte[] closePayload(int code, byte... reason) {
    byte[] p = new byte[2 + reason.length];
    p[0] = (byte) (code >>> 8);
    p[1] = (byte) code;
    System.arraycopy(reason, 0, p, 2, reason.length);
    return p;
  }
}
