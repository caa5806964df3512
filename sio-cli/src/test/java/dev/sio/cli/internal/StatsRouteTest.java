package dev.sio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /sio-stats} of {@code sio demo --stats} and {@code sio fixture --stats}. */
@Timeout(30)
class StatsRouteTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoServer demo;
  private HttpListener fixture;
  private Socket client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.disconnect();
    }
    if (demo != null) {
      demo.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private HttpResponse<String> get(int port) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sio-stats"))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDemoReportsMemoryThreadsAndItsClients() throws Exception {
    demo = DemoServer.start("127.0.0.1", 0, null, null, null, false, true);
    HttpResponse<String> before = get(demo.port());
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode stats = new ObjectMapper().readTree(before.body());
    assertThat(stats.get("clientsCount").asInt()).isZero();
    assertThat(stats.get("heapUsed").asLong()).isPositive();
    assertThat(stats.get("heapCommitted").asLong())
        .isGreaterThanOrEqualTo(stats.get("heapUsed").asLong());
    assertThat(stats.get("threads").asInt()).isPositive();
    assertThat(stats.get("allocator").asText()).endsWith("ByteBufAllocator");
    assertThat(stats.has("allocatorDirectUsed")).isTrue();
    assertThat(stats.has("nettyDirectUsed")).isTrue();

    client =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + demo.port()),
            ClientOptions.builder().transports("websocket").build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int count = 0;
    while (count == 0 && System.nanoTime() < deadline) {
      count = new ObjectMapper().readTree(get(demo.port()).body()).get("clientsCount").asInt();
      Thread.sleep(20);
    }
    assertThat(count).isEqualTo(1);
  }

  @Test
  void withoutTheFlagThereIsNoRoute() throws Exception {
    demo = DemoServer.start("127.0.0.1", 0, null);
    assertThat(get(demo.port()).statusCode()).isEqualTo(404);
  }

  @Test
  void theFixtureCountsBothOfItsServers() throws Exception {
    fixture = FixtureServer.start("127.0.0.1", 0, true);
    HttpResponse<String> r = get(fixture.port());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(r.body()).get("clientsCount").asInt()).isZero();

    http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + fixture.port() + "/engine.io/?EIO=4&transport=polling"))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(new ObjectMapper().readTree(get(fixture.port()).body()).get("clientsCount").asInt())
        .isEqualTo(1);
  }

  @Test
  void onlyLoopbackPeersAndOnlyGet() {
    HttpListener listener = HttpListener.create(HttpListenerOptions.builder().build());
    StatsRoute route = new StatsRoute(listener, List.of(() -> 0));

    HttpReply remote = route.handle(request("GET", new InetSocketAddress("192.0.2.7", 5000)));
    assertThat(remote.status()).isEqualTo(403);
    assertThat(new String(remote.body())).isEqualTo("stats are served to loopback peers only");
    HttpReply post = route.handle(request("POST", new InetSocketAddress("127.0.0.1", 5000)));
    assertThat(post.status()).isEqualTo(405);
    assertThat(
            route.handle(
                new HttpRequestInfo(
                    "GET",
                    "/sio-stats-x",
                    "/sio-stats-x",
                    Map.of(),
                    Map.of(),
                    new InetSocketAddress("127.0.0.1", 5000),
                    false)))
        .isNull();
  }

  private static HttpRequestInfo request(String method, InetSocketAddress from) {
    return new HttpRequestInfo(method, "/sio-stats", "/sio-stats", Map.of(), Map.of(), from, false);
  }
}
