package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.CookieOptions;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session core as a binding drives it through {@link EnginePort}, with a {@link PollExchange}
 * and a {@link MessageChannel} that are not Netty's: the answers a polling handshake and a POST
 * get, allowRequest's deadline on the exchange's executor and its end at the client's abort, and
 * the verdicts of WebSocket upgrades. No socket, no Netty type.
 */
@Timeout(10)
class EnginePortTest {
  private final TestLoop loop = new TestLoop();
  private final TestHandler handler = new TestHandler();
  private final BlockingQueue<String> events = handler.events;

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  @Test
  void aPollingHandshakeAndAPostAreAnsweredThroughTheExchange() throws Exception {
    EnginePort port = new EngineEndpoint(EngineOptions.builder().build(), handler);
    TestExchange handshake = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.call(
        () -> {
          port.handleRequest(handshake);
          return null;
        });
    TestExchange.Answer open = handshake.answer();
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body()).startsWith("0{\"sid\":\"");
    assertThat(open.headers())
        .containsExactly(
            Map.entry("Content-Type", "text/plain; charset=UTF-8"),
            Map.entry("cache-control", "no-store"));
    assertThat(open.close()).isFalse();
    String sid = TestExchange.sidOf(open);
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + sid);
    assertThat(port.clientsCount()).isEqualTo(1);

    TestExchange post =
        new TestExchange(
            loop,
            "POST",
            "EIO=4&transport=polling&sid=" + sid,
            "4hello".getBytes(StandardCharsets.UTF_8));
    port.handleRequest(post); // any thread: the session's executor takes it
    TestExchange.Answer ok = post.answer();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("ok");
    assertThat(ok.headers()).containsEntry("Content-Type", "text/html");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("message hello");
    loop.call(() -> null); // the body is released after the answer, on the session's executor
    assertThat(post.released).isTrue();

    TestExchange unknown =
        new TestExchange(loop, "POST", "EIO=4&transport=polling&sid=nope", new byte[] {'1'});
    port.handleRequest(unknown);
    TestExchange.Answer refused = unknown.answer();
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    assertThat(unknown.released).isTrue(); // read for nothing, released all the same
    assertThat(events).isEmpty();
  }

  @Test
  void allowRequestWaitsOnTheExchangesExecutorAndEndsWhenTheClientGoesAway() throws Exception {
    EngineOptions options =
        EngineOptions.builder()
            .allowRequest(request -> new CompletableFuture<>()) // never decides
            .allowRequestTimeout(Duration.ofMillis(300))
            .build();
    EnginePort port = new EngineEndpoint(options, handler);

    TestExchange left = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.call(
        () -> {
          port.handleRequest(left);
          return null;
        });
    assertThat(loop.getQueue()).hasSize(1); // the deadline, on the exchange's executor
    assertThat(left.onAbort).isNotNull();
    left.onAbort.run(); // the binding's thread: the client went away
    loop.call(() -> null);
    assertThat(loop.getQueue()).isEmpty(); // the deadline is gone
    assertThat(left.onAbort).isNull(); // and the hook with it
    assertThat(left.answers.poll(600, TimeUnit.MILLISECONDS)).isNull(); // nobody is answered

    TestExchange waits = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.call(
        () -> {
          port.handleRequest(waits);
          return null;
        });
    TestExchange.Answer forbidden = waits.answer(); // after the deadline
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
    assertThat(port.clientsCount()).isZero();
  }

  @Test
  void aCancelledUpgradeVerdictEndsItsPendingAllowRequest() throws Exception {
    EngineOptions options =
        EngineOptions.builder()
            .allowRequest(request -> new CompletableFuture<>()) // never decides
            .allowRequestTimeout(Duration.ofSeconds(5))
            .build();
    EnginePort port = new EngineEndpoint(options, handler);
    CompletableFuture<UpgradeVerdict> verdict =
        loop.call(
            () ->
                port.verifyUpgrade(TestExchange.request("GET", "EIO=4&transport=websocket"), loop)
                    .toCompletableFuture());
    assertThat(loop.getQueue()).hasSize(1);
    verdict.cancel(false); // the binding: the connection closed first
    loop.call(() -> null);
    assertThat(loop.getQueue()).isEmpty();
  }

  @Test
  void upgradeVerdictsAndANewWebSocketSession() throws Exception {
    EngineOptions options =
        EngineOptions.builder().cookie(CookieOptions.builder().name("io").build()).build();
    EnginePort port = new EngineEndpoint(options, handler);

    UpgradeVerdict unknown =
        port.verifyUpgrade(TestExchange.request("GET", "EIO=4&transport=websocket&sid=nope"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(unknown.refused()).isTrue();
    assertThat(unknown.refuseAfterChecks()).isFalse();
    assertThat(unknown.refusalStatus()).isEqualTo(400);
    assertThat(unknown.refusalBody()).isEqualTo("Session ID unknown");

    UpgradeVerdict polling =
        port.verifyUpgrade(TestExchange.request("GET", "EIO=4&transport=polling"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(polling.refused()).isTrue();
    assertThat(polling.refuseAfterChecks()).isTrue(); // after the binding's own checks
    assertThat(polling.refusalBody()).isEqualTo("Bad request");

    UpgradeVerdict accepted =
        port.verifyUpgrade(TestExchange.request("GET", "EIO=4&transport=websocket"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(accepted.refused()).isFalse();
    assertThat(accepted.newSession()).isTrue();
    assertThat(accepted.owner()).isSameAs(loop);
    assertThat(accepted.closeAfterHandshake()).isFalse();
    assertThat(TestExchange.flat(accepted.headers()).get("Set-Cookie"))
        .startsWith("io=" + accepted.sid());
    assertThat(port.clientsCount()).isZero(); // nothing is opened before the 101

    TestChannel channel = new TestChannel();
    WebSocketInbound inbound = loop.call(() -> port.openWebSocket(accepted, channel));
    assertThat(inbound).isNotNull();
    assertThat(port.clientsCount()).isEqualTo(1);
    assertThat(channel.calls.get(0)).startsWith("text 0{\"sid\":\"" + accepted.sid() + "\"");
    assertThat(channel.calls).endsWith("startReading"); // reading starts once it is open
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + accepted.sid());

    // the same sid again: the 101, then a close, and the session is untouched
    UpgradeVerdict again =
        port.verifyUpgrade(
                TestExchange.request("GET", "EIO=4&transport=websocket&sid=" + accepted.sid()),
                loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(again.refused()).isFalse();
    assertThat(again.newSession()).isFalse();
    assertThat(again.closeAfterHandshake()).isTrue();
    assertThat(port.clientsCount()).isEqualTo(1);
    assertThat(events).isEmpty();
  }

  @Test
  void aPostBodyIsAdmittedOnceAtATimeAndRefusedOverTheLimit() throws Exception {
    EngineOptions options =
        EngineOptions.builder()
            .maxHttpBufferSize(10)
            .cors(CorsOptions.builder().origins("https://a.example").build())
            .build();
    EnginePort port = new EngineEndpoint(options, handler);
    TestExchange handshake = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.call(
        () -> {
          port.handleRequest(handshake);
          return null;
        });
    String sid = TestExchange.sidOf(handshake.answer());
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + sid);
    HttpRequestInfo post = TestExchange.request("POST", "EIO=4&transport=polling&sid=" + sid);

    BodyAdmission first = port.admitBody(post, 10);
    assertThat(first.refusalStatus()).isZero();
    BodyAdmission overlap = port.admitBody(post, 3); // the first is still being read
    assertThat(overlap.refusalStatus()).isEqualTo(400);
    assertThat(TestExchange.flat(overlap.refusalHeaders()))
        .containsKey("Access-Control-Allow-Origin");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close transport error");
    first.release();

    TestExchange again = new TestExchange(loop, "GET", "EIO=4&transport=polling", null);
    loop.call(
        () -> {
          port.handleRequest(again);
          return null;
        });
    String other = TestExchange.sidOf(again.answer());
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + other);
    HttpRequestInfo big = TestExchange.request("POST", "EIO=4&transport=polling&sid=" + other);
    BodyAdmission tooLarge = port.admitBody(big, 11);
    assertThat(tooLarge.refusalStatus()).isEqualTo(413);
    assertThat(TestExchange.flat(tooLarge.refusalHeaders()))
        .containsKey("Access-Control-Allow-Origin");
    assertThat(events).isEmpty(); // the session closes once the 413 is written
    tooLarge.fail("payload too large");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close transport error");
    assertThat(port.admitBody(TestExchange.request("POST", "EIO=4&transport=polling&sid=x"), 1))
        .isSameAs(BodyAdmission.NO_SESSION);
    assertThat(events).isEmpty();
  }
}
