package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The conveniences a Java user meets first: collections of rooms, io.serverCount(), acks with a
 * callback, failures that are not wrapped, and io.close() closing the adapter factory.
 */
class ServerApiTest extends ServerHarness {
  record Vote(String choice) {}

  private Socket connect(TestClient c) throws Exception {
    CompletableFuture<Socket> connected = new CompletableFuture<>();
    io.onConnection(connected::complete);
    c.connect("/");
    return connected.get(5, TimeUnit.SECONDS);
  }

  @Test
  void roomsMayBeGivenAsACollectionEverywhere() throws Exception {
    start();
    io.onConnection(socket -> socket.join(socket.handshake().auth().path("room").asText()));
    listen();
    TestClient a = client();
    a.connect("/", "{\"room\":\"a\"}");
    TestClient b = client();
    b.connect("/", "{\"room\":\"b\"}");
    TestClient c = client();
    c.connect("/", "{\"room\":\"c\"}");
    io.to(List.of("a", "b")).except(Set.of("b")).emit("one", 1);
    assertThat(a.nextText()).isEqualTo("42[\"one\",1]");
    io.of("/").in(List.of("c")).emit("two", 2);
    assertThat(c.nextText()).isEqualTo("42[\"two\",2]");
    io.except(List.of("a", "c")).emit("three", 3);
    assertThat(b.nextText()).isEqualTo("42[\"three\",3]");
    io.of("/").except(List.of("a", "b")).in(List.of("c")).emit("four", 4);
    assertThat(c.nextText()).isEqualTo("42[\"four\",4]");
    Socket onA =
        io.sockets().sockets().values().stream()
            .filter(s -> s.rooms().contains("a"))
            .findFirst()
            .orElseThrow();
    onA.to(List.of("a", "b")).emit("five", 5); // the sender is left out
    assertThat(b.nextText()).isEqualTo("42[\"five\",5]");
    onA.except(List.of("b")).emit("six", 6);
    assertThat(c.nextText()).isEqualTo("42[\"six\",6]");
    onA.in(List.of("c")).emit("seven", 7);
    assertThat(c.nextText()).isEqualTo("42[\"seven\",7]");
  }

  @Test
  void serverCountIsOneWithoutACluster() throws Exception {
    start();
    listen();
    assertThat(io.serverCount().get(5, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void acksCanBeTakenWithACallbackWhichGetsTheErrorUnwrapped() throws Exception {
    start();
    listen();
    TestClient c = client();
    Socket socket = connect(c);
    BlockingQueue<Object> results = new LinkedBlockingQueue<>();
    AckHandler<List<JsonNode>> record =
        (answer, error) -> results.add(error != null ? error : answer);

    socket.emitWithAck("question", record, "?");
    assertThat(c.nextText()).isEqualTo("420[\"question\",\"?\"]");
    c.sendRaw("430[\"yes\",2]");
    assertThat(results.poll(5, TimeUnit.SECONDS).toString()).isEqualTo("[\"yes\", 2]");

    socket.timeout(Duration.ofMillis(50)).emitWithAck("slow", record);
    assertThat(c.nextText()).isEqualTo("421[\"slow\"]");
    assertThat(results.poll(5, TimeUnit.SECONDS))
        .isInstanceOf(AckTimeoutException.class)
        .hasFieldOrPropertyWithValue("message", "operation has timed out");

    io.timeout(Duration.ofMillis(50)).emitWithAck("all", record, 1);
    assertThat(c.nextText()).isEqualTo("422[\"all\",1]");
    assertThat(results.poll(5, TimeUnit.SECONDS)).isInstanceOf(AckTimeoutException.class);
    c.sendRaw("431[\"late\"]");
    c.sendRaw("432[\"late\"]");
  }

  @Test
  void typedBroadcastAcksFailWithTheExceptionItselfNotACompletionException() throws Exception {
    start();
    listen();
    TestClient c = client();
    connect(c);
    CompletableFuture<List<Vote>> votes =
        io.timeout(Duration.ofMillis(50)).emitWithAck("vote", Vote.class);
    assertThat(c.nextText()).isEqualTo("420[\"vote\"]");
    CompletableFuture<Throwable> seenError = new CompletableFuture<>();
    votes.whenComplete((v, e) -> seenError.complete(e));
    assertThat(seenError.get(5, TimeUnit.SECONDS))
        .isInstanceOf(AckTimeoutException.class)
        .isNotInstanceOf(CompletionException.class);

    CompletableFuture<List<Vote>> bad =
        io.timeout(Duration.ofSeconds(5)).emitWithAck("vote", Vote.class);
    assertThat(c.nextText()).isEqualTo("421[\"vote\"]");
    c.sendRaw("431[[\"not\",\"a\",\"vote\"]]");
    CompletableFuture<Throwable> bindError = new CompletableFuture<>();
    bad.whenComplete((v, e) -> bindError.complete(e));
    assertThat(bindError.get(5, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot bind an acknowledgement to " + Vote.class.getName());
    c.sendRaw("430[]");
  }

  @Test
  void closingTheServerClosesTheAdapterFactoryOnceAfterItsAdapters() throws Exception {
    AtomicInteger factoryClosed = new AtomicInteger();
    AtomicInteger adaptersOpen = new AtomicInteger();
    List<Integer> openWhenClosed = new java.util.concurrent.CopyOnWriteArrayList<>();
    AdapterFactory factory =
        new AdapterFactory() {
          @Override
          public Adapter create(Namespace namespace) {
            adaptersOpen.incrementAndGet();
            return new InMemoryAdapter(namespace) {
              @Override
              public CompletableFuture<Void> close() {
                adaptersOpen.decrementAndGet();
                return super.close();
              }
            };
          }

          @Override
          public void close() {
            openWhenClosed.add(adaptersOpen.get());
            factoryClosed.incrementAndGet();
          }
        };
    start(b -> b.adapter(factory));
    io.of("/other");
    listen();
    assertThat(adaptersOpen.get()).isEqualTo(2);
    io.close();
    io.close();
    assertThat(factoryClosed.get()).isEqualTo(1);
    assertThat(openWhenClosed).containsExactly(0);
  }
}
