package dev.sio.admin;

import static dev.sio.admin.Recorder.arg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RedisSessionStore} on a real Redis at 127.0.0.1:6379, each test with its own prefix. */
@Timeout(60)
class RedisSessionStoreTest {
  private final String prefix = "sio-admin-test-" + UUID.randomUUID();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private RedisClient redis;
  private StatefulRedisConnection<String, String> connection;

  @BeforeEach
  void connect() {
    redis = RedisClient.create("redis://127.0.0.1:6379");
    connection = redis.connect();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    List<String> keys = connection.sync().keys(prefix + "*");
    if (!keys.isEmpty()) {
      connection.sync().del(keys.toArray(new String[0]));
    }
    connection.close();
    redis.shutdown();
  }

  @Test
  void aSessionIsNodesKeyHoldingTrueWithItsDuration() throws Exception {
    RedisSessionStore store = RedisSessionStore.of(connection, prefix, Duration.ofSeconds(100));
    assertThat(store.key("0123456789abcdef")).isEqualTo(prefix + "#0123456789abcdef");
    assertThat(RedisSessionStore.of(connection).key("x")).isEqualTo("socket.io-admin#x");

    store.saveSession("0123456789abcdef");
    awaitKey(prefix + "#0123456789abcdef");
    assertThat(connection.sync().get(prefix + "#0123456789abcdef")).isEqualTo("true");
    assertThat(connection.sync().ttl(prefix + "#0123456789abcdef")).isBetween(1L, 100L);
    assertThat(store.doesSessionExist("0123456789abcdef").get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(store.doesSessionExist("fedcba9876543210").get(5, TimeUnit.SECONDS)).isFalse();

    // A session Node's RedisStore wrote (MULTI SET key true, EXPIRE) is one too.
    connection.sync().set(prefix + "#nodesession", "true");
    assertThat(store.doesSessionExist("nodesession").get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aStoreOnItsOwnConnectionFromAUriString() throws Exception {
    RedisSessionStore store =
        RedisSessionStore.connect("redis://127.0.0.1:6379", prefix, Duration.ofSeconds(100));
    store.saveSession("own");
    awaitKey(prefix + "#own");
    assertThat(store.doesSessionExist("own").get(5, TimeUnit.SECONDS)).isTrue();
    store.close();
    assertThatThrownBy(() -> store.doesSessionExist("own").get(5, TimeUnit.SECONDS))
        .as("closed with its connection")
        .isNotNull();
    assertThatThrownBy(() -> RedisSessionStore.connect("http://127.0.0.1:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a Redis URI");
  }

  @Test
  void aSessionFromOneServerLogsInOnAnother() throws Exception {
    RedisSessionStore store = RedisSessionStore.of(connection, prefix, Duration.ofMinutes(1));
    int first = server(store);
    int second = server(store);
    Recorder login = recorder(first, AdminUiTest.LOGIN);
    login.awaitConnected();
    String session = arg(login.next("session"), 0).asText();
    awaitKey(prefix + "#" + session);

    Recorder again = recorder(second, Map.of("sessionId", session));
    again.awaitConnected();
    assertThat(again.within(300, "session")).as("no new session for a known one").isEmpty();
    Recorder unknown = recorder(second, Map.of("sessionId", "0123456789abcdef"));
    assertThat(unknown.connectError.get(5, TimeUnit.SECONDS)).isEqualTo("invalid credentials");
  }

  @Test
  void optionsSayWhatIsWrong() {
    assertThatThrownBy(() -> RedisSessionStore.of(connection, prefix, Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionDuration must be at least 1 second, not PT0.5S");
  }

  private int server(AdminSessionStore store) {
    SocketIoServer io =
        SocketIoServer.create(
            ServerOptions.builder().host("127.0.0.1").port(0).serveClient(false).build());
    AdminUi admin =
        AdminUi.instrument(
            io,
            AdminOptions.builder()
                .auth(AdminAuth.basic("admin", AdminUiTest.BCRYPTJS_HASH))
                .store(store)
                .build());
    io.start();
    closing.add(0, io::close);
    closing.add(0, admin::close);
    return io.port();
  }

  private Recorder recorder(int port, Object auth) {
    Recorder r = new Recorder(port, "/admin", auth);
    closing.add(0, r);
    return r;
  }

  private void awaitKey(String key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (connection.sync().exists(key) != 1L) {
      assertThat(System.nanoTime()).as("key " + key).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
