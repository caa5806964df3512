package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamespacesTest extends ServerHarness {

  @Test
  void connectAnswersWithASocketIdDistinctFromTheEngineSid() throws Exception {
    start();
    io.onConnection(socket -> seen.add(socket.id()));
    listen();
    TestClient c = client();
    JsonNode answer = c.connect("/");
    assertThat(answer.fieldNames()).toIterable().containsExactly("sid");
    String sid = answer.get("sid").asText();
    assertThat(sid).hasSize(20).isNotEqualTo(c.handshake.get("sid").asText());
    assertThat(nextSeen()).isEqualTo(sid);
  }

  @Test
  void customNamespaceAndMultiplexing() throws Exception {
    start();
    io.of("/custom").onConnection(socket -> seen.add("custom " + socket.namespace().name()));
    io.onConnection(socket -> seen.add("main"));
    listen();
    TestClient c = client();
    JsonNode custom = c.connect("/custom");
    assertThat(nextSeen()).isEqualTo("custom /custom");
    JsonNode main = c.connect("/");
    assertThat(nextSeen()).isEqualTo("main");
    assertThat(custom.get("sid").asText()).isNotEqualTo(main.get("sid").asText());
    io.of("/custom").emit("hello", "custom");
    assertThat(c.nextText()).isEqualTo("42/custom,[\"hello\",\"custom\"]");
    io.emit("hello", "main");
    assertThat(c.nextText()).isEqualTo("42[\"hello\",\"main\"]");
  }

  @Test
  void unknownNamespaceGetsInvalidNamespaceAndTheConnectionStays() throws Exception {
    start();
    listen();
    TestClient c = client();
    c.sendRaw("40/random");
    assertThat(c.nextText()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
    assertThat(c.connect("/").has("sid")).isTrue();
  }

  @Test
  void dynamicNamespacesByPatternGetTheParentsMiddlewaresAndHandlers() throws Exception {
    start();
    io.onNewNamespace(nsp -> seen.add("new " + nsp.name()));
    ParentNamespace parent = io.of(Pattern.compile("/dyn-\\d+"));
    parent.use(
        (socket, next) -> {
          seen.add("middleware " + socket.namespace().name());
          next.accept();
        });
    parent.onConnection(socket -> seen.add("connected " + socket.namespace().name()));
    listen();
    TestClient c = client();
    c.connect("/dyn-42");
    assertThat(nextSeen()).isEqualTo("new /dyn-42");
    assertThat(nextSeen()).isEqualTo("middleware /dyn-42");
    assertThat(nextSeen()).isEqualTo("connected /dyn-42");
    assertThat(io.namespaceNames()).contains("/dyn-42");
    parent.emit("to-children", 1);
    assertThat(c.nextText()).isEqualTo("42/dyn-42,[\"to-children\",1]");
    c.sendRaw("40/dyn-x");
    assertThat(c.nextText()).isEqualTo("44/dyn-x,{\"message\":\"Invalid namespace\"}");
  }

  @Test
  void dynamicNamespacesByPredicateAreCleanedUpWhenEmpty() throws Exception {
    start(b -> b.cleanupEmptyChildNamespaces(true));
    io.of(name -> name.startsWith("/room-"))
        .onConnection(socket -> seen.add("connected " + socket.namespace().name()));
    listen();
    TestClient c = client();
    c.connect("/room-a");
    assertThat(nextSeen()).isEqualTo("connected /room-a");
    assertThat(io.namespaceNames()).contains("/room-a");
    c.sendRaw("41/room-a,");
    long deadline = System.currentTimeMillis() + 2000;
    while (io.namespaceNames().contains("/room-a") && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(io.namespaceNames()).doesNotContain("/room-a");
  }

  @Test
  void connectTimeoutClosesASessionThatJoinsNoNamespace() throws Exception {
    start(b -> b.connectTimeout(Duration.ofMillis(200)));
    listen();
    TestClient idle = client();
    TestClient joined = client();
    joined.connect("/");
    idle.awaitClosed();
    Thread.sleep(300);
    assertThat(joined.closed).isNotDone();
  }

  @Test
  void dynamicNamespacesMayLookAtTheConnectPayload() throws Exception {
    start();
    io.of((name, auth) -> name.startsWith("/team-") && auth != null && auth.has("member"))
        .onConnection(socket -> seen.add("joined " + socket.namespace().name()));
    listen();
    TestClient c = client();
    c.sendRaw("40/team-a,{}");
    assertThat(c.nextText()).isEqualTo("44/team-a,{\"message\":\"Invalid namespace\"}");
    c.connect("/team-a", "{\"member\":true}");
    assertThat(nextSeen()).isEqualTo("joined /team-a");
    assertThat(io.engine().clientsCount()).isEqualTo(1);
  }
}
