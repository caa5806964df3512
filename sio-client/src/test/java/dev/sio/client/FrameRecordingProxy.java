package dev.sio.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a server that records the WebSocket frames the client sends (opcode,
 * RSV1, payload length, as they are on the wire) and the handshake request, then forwards every
 * byte unchanged. For WebSocket-only clients: each connection is one upgrade.
 */
final class FrameRecordingProxy implements AutoCloseable {
  /** One client frame as it went over the wire. */
  record Frame(int opcode, boolean rsv1, long length) {}

  private static final int MAX_HEADER = 64 * 1024;

  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Frame> frames = new CopyOnWriteArrayList<>(); // any thread
  private final List<String> handshakes = new CopyOnWriteArrayList<>(); // any thread
  private final List<Socket> sockets = new CopyOnWriteArrayList<>(); // any thread

  FrameRecordingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    executor.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  List<Frame> frames() {
    return frames;
  }

  List<String> handshakes() {
    return handshakes;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        executor.execute(() -> clientToServer(client, upstream));
        executor.execute(() -> pump(upstream, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void clientToServer(Socket client, Socket upstream) {
    try (InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream()) {
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      while (!endsWithBlankLine(header.toByteArray())) {
        int b = in.read();
        if (b < 0 || header.size() > MAX_HEADER) {
          return;
        }
        header.write(b);
      }
      handshakes.add(header.toString(StandardCharsets.ISO_8859_1));
      out.write(header.toByteArray());
      out.flush();
      while (true) {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
          return;
        }
        out.write(b0);
        out.write(b1);
        long length = b1 & 0x7f;
        int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0) {
          length = 0;
          for (int i = 0; i < extra; i++) {
            int b = in.read();
            out.write(b);
            length = (length << 8) | (b & 0xff);
          }
        }
        if ((b1 & 0x80) != 0) {
          out.write(in.readNBytes(4)); // mask key
        }
        frames.add(new Frame(b0 & 0x0f, (b0 & 0x40) != 0, length));
        byte[] payload = in.readNBytes((int) length);
        out.write(payload);
        out.flush();
      }
    } catch (IOException e) {
      // the client or the server went away
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static boolean endsWithBlankLine(byte[] b) {
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(FrameRecordingProxy::closeQuietly);
    executor.shutdownNow();
  }
}
