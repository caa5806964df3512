package dev.sio.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A test client plugged straight into a server's {@link EngineHandler}: an in-memory Engine.IO
 * session with its own single thread as "event loop", no socket opened.
 */
public final class InJvmClient extends TestClient {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EngineHandler handler;
  private final ExecutorService loop;
  private final Session session;

  private InJvmClient(EngineHandler handler, String nsp) {
    super(nsp);
    this.handler = handler;
    this.loop =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "in-jvm-client");
              t.setDaemon(true);
              return t;
            });
    this.session = new Session();
  }

  /** Opens a session on {@code handler} and connects to {@code nsp}. */
  public static InJvmClient connect(EngineHandler handler, String nsp, ObjectNode auth)
      throws Exception {
    InJvmClient c = new InJvmClient(handler, nsp);
    c.loop.submit(() -> handler.onOpen(c.session)).get(5, TimeUnit.SECONDS);
    c.handshake(auth);
    return c;
  }

  /** Opens a session on {@code handler} and connects to {@code nsp}. */
  public static InJvmClient connect(EngineHandler handler, String nsp) throws Exception {
    return connect(handler, nsp, null);
  }

  @Override
  public void sendPacket(String packet) {
    loop.execute(
        () -> {
          if (session.open) {
            handler.onMessage(session, packet);
          }
        });
  }

  @Override
  public void drop() {
    if (loop.isShutdown()) {
      return;
    }
    loop.execute(
        () -> {
          if (session.open) {
            session.open = false;
            disconnected = true;
            handler.onClose(session, "transport close", null);
          }
        });
  }

  @Override
  public void close() {
    if (!loop.isShutdown()) {
      drop();
      loop.shutdown();
    }
  }

  private final class Session implements EngineSocket {
    private final String id;
    private final EngineHandshake handshake;
    volatile boolean open = true;

    Session() {
      byte[] b = new byte[15];
      RANDOM.nextBytes(b);
      this.id = Base64.getUrlEncoder().encodeToString(b);
      this.handshake =
          new EngineHandshake(
              "/socket.io/?EIO=4&transport=websocket",
              Map.of("host", List.of("127.0.0.1:3000"), "connection", List.of("Upgrade")),
              Map.of("EIO", List.of("4"), "transport", List.of("websocket")),
              new InetSocketAddress("127.0.0.1", 40000),
              false,
              Instant.now());
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public EngineHandshake handshake() {
      return handshake;
    }

    @Override
    public String transport() {
      return "websocket";
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void send(String text) {
      if (open) {
        onSocketIo(text);
      }
    }

    @Override
    public void send(byte[] data) {
      if (open) {
        onBinary(data);
      }
    }

    @Override
    public void send(EngineMessage message) {
      if (message.isBinary()) {
        send(message.binary());
      } else {
        send(message.text());
      }
    }

    @Override
    public void close() {
      loop.execute(
          () -> {
            if (open) {
              open = false;
              disconnected = true;
              handler.onClose(this, "forced close", null);
            }
          });
    }

    @Override
    public java.util.concurrent.Executor executor() {
      return loop;
    }
  }
}
