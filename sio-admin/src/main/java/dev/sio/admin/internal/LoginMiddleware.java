package dev.sio.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.admin.AdminAuth;
import dev.sio.admin.AdminSessionStore;
import dev.sio.server.ConnectionMiddleware;
import dev.sio.server.Next;
import dev.sio.server.Socket;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin namespace's login ({@code initAuthenticationMiddleware} of {@code @socket.io/admin-ui},
 * basic mode): a known {@code auth.sessionId} passes; otherwise {@code auth.username} and {@code
 * auth.password} are checked against the bcrypt hash, and a match gets a new session id, sent as
 * {@code session} just before the CONNECT answer. Anything else is refused with {@code "invalid
 * credentials"}.
 *
 * <p>bcrypt takes tens of milliseconds, so checks run on one thread of their own, never on an event
 * loop; at most {@code maxPending} wait, the next are refused with {@code "too many pending
 * logins"} (Node checks them all on its only thread).
 */
public final class LoginMiddleware implements ConnectionMiddleware, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoginMiddleware.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  // Any thread: with connection state recovery, the fresh session ids to send once connected (a
  // socket refused by a later middleware is dropped with its entry: weak keys).
  private final Map<Socket, String> pending = Collections.synchronizedMap(new WeakHashMap<>());

  private final AdminAuth auth;
  private final AdminSessionStore store;
  // Owned here: the password checks, one thread, a queue of maxPending (then refused).
  private final ExecutorService checks;

  /** Checks logins against {@code auth}, sessions in {@code store}. */
  public LoginMiddleware(AdminAuth auth, AdminSessionStore store, int maxPending) {
    this.auth = auth;
    this.store = store;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            1,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(maxPending),
            r -> {
              Thread t = new Thread(r, "sio-admin-login");
              t.setDaemon(true);
              return t;
            });
    this.checks = pool;
  }

  @Override
  public void handle(Socket socket, Next next) {
    JsonNode credentials = socket.handshake().auth();
    JsonNode sessionId = credentials.get("sessionId");
    if (sessionId != null && sessionId.isTextual() && !sessionId.asText().isEmpty()) {
      store
          .doesSessionExist(sessionId.asText())
          .whenComplete(
              (exists, error) -> {
                if (error == null && Boolean.TRUE.equals(exists)) {
                  next.accept();
                } else {
                  checkPassword(socket, credentials, next);
                }
              });
      return;
    }
    checkPassword(socket, credentials, next);
  }

  private void checkPassword(Socket socket, JsonNode credentials, Next next) {
    JsonNode username = credentials.get("username");
    JsonNode password = credentials.get("password");
    if (username == null
        || !username.isTextual()
        || !username.asText().equals(auth.username())
        || password == null
        || !password.isTextual()) {
      next.reject(new Exception(AdminProtocol.INVALID_CREDENTIALS));
      return;
    }
    try {
      checks.execute(
          () -> {
            if (auth.matches(username.asText(), password.asText())) {
              String id = newSessionId();
              store.saveSession(id);
              sendSession(socket, id, next);
            } else {
              LOG.debug("admin login refused for {}", socket.handshake().address());
              next.reject(new Exception(AdminProtocol.INVALID_CREDENTIALS));
            }
          });
    } catch (RejectedExecutionException e) {
      next.reject(new Exception("too many pending logins"));
    }
  }

  /**
   * As Node: {@code session} before the CONNECT answer, both queued on the socket's event loop in
   * that order. With connection state recovery, an emit before CONNECT goes through the adapter to
   * the socket's own room, not joined yet, and would be lost (it is in Node); then the id waits for
   * {@link #takeSession}.
   */
  private void sendSession(Socket socket, String id, Next next) {
    if (socket.namespace().server().options().connectionStateRecovery() != null) {
      pending.put(socket, id);
      next.accept();
      return;
    }
    try {
      socket
          .conn()
          .executor()
          .execute(
              () -> {
                socket.emit(AdminProtocol.SESSION, id);
                next.accept();
              });
    } catch (RejectedExecutionException e) {
      next.reject(e); // the server is shutting down
    }
  }

  /** The session id still to send to {@code socket}, now connected, or null (see sendSession). */
  public String takeSession(Socket socket) {
    return pending.remove(socket);
  }

  /** 8 random bytes in hex, as Node's {@code randomId()}. */
  private static String newSessionId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }
}
