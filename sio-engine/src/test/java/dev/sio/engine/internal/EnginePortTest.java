package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.CookieOptions;
import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.MessageChannel;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import dev.sio.engine.spi.UpgradeVerdict;
import dev.sio.engine.spi.WebSocketInbound;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  /** One answer as the exchange received it. */
  private record Answer(int status, Map<String, String> headers, String body, boolean close) {}

  /** Records its answers; its body is tracked for release. */
  private final class Exchange implements PollExchange {
    final HttpRequestInfo request;
    RequestBody body;
    final AtomicBoolean released = new AtomicBoolean();
    volatile Runnable onAbort;
    final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

    Exchange(String method, String query, byte[] body) {
      this.request = EnginePortTest.request(method, query);
      if (body != null) {
        RequestBody b = RequestBody.of(body);
        this.body =
            new RequestBody() {
              @Override
              public int length() {
                return b.length();
              }

              @Override
              public byte byteAt(int index) {
                return b.byteAt(index);
              }

              @Override
              public int indexOf(int from, int to, byte value) {
                return b.indexOf(from, to, value);
              }

              @Override
              public String toString(int from, int length, java.nio.charset.Charset cs) {
                return b.toString(from, length, cs);
              }

              @Override
              public void release() {
                released.set(true);
              }
            };
      }
    }

    @Override
    public HttpRequestInfo request() {
      return request;
    }

    @Override
    public RequestBody takeBody() {
      RequestBody b = body;
      body = null;
      return b;
    }

    @Override
    public SessionExecutor executor() {
      return loop;
    }

    @Override
    public void onAbort(Runnable onAbort) {
      this.onAbort = onAbort;
    }

    @Override
    public boolean respond(int status, ResponseHeaders headers, CharSequence text, boolean close) {
      return answers.add(
          new Answer(status, flat(headers), text == null ? "" : text.toString(), close));
    }

    @Override
    public boolean respond(int status, ResponseHeaders headers, byte[] body, boolean close) {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return answers.add(new Answer(status, flat(headers), text, close));
    }

    Answer answer() throws InterruptedException {
      return answers.poll(5, TimeUnit.SECONDS);
    }
  }

  /** Records what the session layer does with a WebSocket. */
  private static final class Channel implements MessageChannel {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void writeText(char type, CharSequence data) {
      calls.add("text " + type + data);
    }

    @Override
    public void writeBinary(byte[] data) {
      calls.add("binary");
    }

    @Override
    public void writeMessage(EngineMessage message) {
      calls.add("message");
    }

    @Override
    public void flush() {
      calls.add("flush");
    }

    @Override
    public boolean isWritable() {
      return true;
    }

    @Override
    public long pendingBytes() {
      return 0;
    }

    @Override
    public void whenWritten(Runnable task) {
      calls.add("whenWritten");
      task.run();
    }

    @Override
    public void close(int code) {
      calls.add("close " + code);
    }

    @Override
    public void abort() {
      calls.add("abort");
    }

    @Override
    public void startReading() {
      calls.add("startReading");
    }
  }

  private final TestLoop loop = new TestLoop();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final EngineHandler handler =
      new EngineHandler() {
        @Override
        public void onOpen(EngineSocket socket) {
          events.add("open " + socket.id());
        }

        @Override
        public void onMessage(EngineSocket socket, String text) {
          events.add("message " + text);
        }

        @Override
        public void onClose(EngineSocket socket, String reason, String description) {
          events.add("close " + reason);
        }
      };

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  private static Map<String, String> flat(ResponseHeaders headers) {
    Map<String, String> m = new LinkedHashMap<>();
    headers.forEach(m::put);
    return m;
  }

  private static HttpRequestInfo request(String method, String query) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), List.of(pair.substring(eq + 1)));
    }
    return new HttpRequestInfo(
        method,
        "/engine.io/?" + query,
        "/engine.io/",
        Map.of("origin", List.of("https://a.example")),
        q,
        null,
        false);
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }

  private static String sidOf(Answer open) {
    int at = open.body().indexOf("\"sid\":\"") + 7;
    return open.body().substring(at, open.body().indexOf('"', at));
  }

  @Test
  void aPollingHandshakeAndAPostAreAnsweredThroughTheExchange() throws Exception {
    EnginePort port = new EngineEndpoint(EngineOptions.builder().build(), handler);
    Exchange handshake = new Exchange("GET", "EIO=4&transport=polling", null);
    onLoop(
        () -> {
          port.handleRequest(handshake);
          return null;
        });
    Answer open = handshake.answer();
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body()).startsWith("0{\"sid\":\"");
    assertThat(open.headers())
        .containsExactly(
            Map.entry("Content-Type", "text/plain; charset=UTF-8"),
            Map.entry("cache-control", "no-store"));
    assertThat(open.close()).isFalse();
    String sid = sidOf(open);
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + sid);
    assertThat(port.clientsCount()).isEqualTo(1);

    Exchange post =
        new Exchange(
            "POST",
            "EIO=4&transport=polling&sid=" + sid,
            "4hello".getBytes(StandardCharsets.UTF_8));
    port.handleRequest(post); // any thread: the session's executor takes it
    Answer ok = post.answer();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("ok");
    assertThat(ok.headers()).containsEntry("Content-Type", "text/html");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("message hello");
    onLoop(() -> null); // the body is released after the answer, on the session's executor
    assertThat(post.released).isTrue();

    Exchange unknown = new Exchange("POST", "EIO=4&transport=polling&sid=nope", new byte[] {'1'});
    port.handleRequest(unknown);
    Answer refused = unknown.answer();
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

    Exchange left = new Exchange("GET", "EIO=4&transport=polling", null);
    onLoop(
        () -> {
          port.handleRequest(left);
          return null;
        });
    assertThat(loop.getQueue()).hasSize(1); // the deadline, on the exchange's executor
    assertThat(left.onAbort).isNotNull();
    left.onAbort.run(); // the binding's thread: the client went away
    onLoop(() -> null);
    assertThat(loop.getQueue()).isEmpty(); // the deadline is gone
    assertThat(left.onAbort).isNull(); // and the hook with it
    assertThat(left.answers.poll(600, TimeUnit.MILLISECONDS)).isNull(); // nobody is answered

    Exchange waits = new Exchange("GET", "EIO=4&transport=polling", null);
    onLoop(
        () -> {
          port.handleRequest(waits);
          return null;
        });
    Answer forbidden = waits.answer(); // after the deadline
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
        onLoop(
            () ->
                port.verifyUpgrade(request("GET", "EIO=4&transport=websocket"), loop)
                    .toCompletableFuture());
    assertThat(loop.getQueue()).hasSize(1);
    verdict.cancel(false); // the binding: the connection closed first
    onLoop(() -> null);
    assertThat(loop.getQueue()).isEmpty();
  }

  @Test
  void upgradeVerdictsAndANewWebSocketSession() throws Exception {
    EngineOptions options =
        EngineOptions.builder().cookie(CookieOptions.builder().name("io").build()).build();
    EnginePort port = new EngineEndpoint(options, handler);

    UpgradeVerdict unknown =
        port.verifyUpgrade(request("GET", "EIO=4&transport=websocket&sid=nope"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(unknown.refused()).isTrue();
    assertThat(unknown.refuseAfterChecks()).isFalse();
    assertThat(unknown.refusalStatus()).isEqualTo(400);
    assertThat(unknown.refusalBody()).isEqualTo("Session ID unknown");

    UpgradeVerdict polling =
        port.verifyUpgrade(request("GET", "EIO=4&transport=polling"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(polling.refused()).isTrue();
    assertThat(polling.refuseAfterChecks()).isTrue(); // after the binding's own checks
    assertThat(polling.refusalBody()).isEqualTo("Bad request");

    UpgradeVerdict accepted =
        port.verifyUpgrade(request("GET", "EIO=4&transport=websocket"), loop)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(accepted.refused()).isFalse();
    assertThat(accepted.newSession()).isTrue();
    assertThat(accepted.owner()).isSameAs(loop);
    assertThat(accepted.closeAfterHandshake()).isFalse();
    assertThat(flat(accepted.headers()).get("Set-Cookie")).startsWith("io=" + accepted.sid());
    assertThat(port.clientsCount()).isZero(); // nothing is opened before the 101

    Channel channel = new Channel();
    WebSocketInbound inbound = onLoop(() -> port.openWebSocket(accepted, channel));
    assertThat(inbound).isNotNull();
    assertThat(port.clientsCount()).isEqualTo(1);
    assertThat(channel.calls.get(0)).startsWith("text 0{\"sid\":\"" + accepted.sid() + "\"");
    assertThat(channel.calls).endsWith("startReading"); // reading starts once it is open
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + accepted.sid());

    // the same sid again: the 101, then a close, and the session is untouched
    UpgradeVerdict again =
        port.verifyUpgrade(request("GET", "EIO=4&transport=websocket&sid=" + accepted.sid()), loop)
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
    Exchange handshake = new Exchange("GET", "EIO=4&transport=polling", null);
    onLoop(
        () -> {
          port.handleRequest(handshake);
          return null;
        });
    String sid = sidOf(handshake.answer());
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + sid);
    HttpRequestInfo post = request("POST", "EIO=4&transport=polling&sid=" + sid);

    BodyAdmission first = port.admitBody(post, 10);
    assertThat(first.refusalStatus()).isZero();
    BodyAdmission overlap = port.admitBody(post, 3); // the first is still being read
    assertThat(overlap.refusalStatus()).isEqualTo(400);
    assertThat(flat(overlap.refusalHeaders())).containsKey("Access-Control-Allow-Origin");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close transport error");
    first.release();

    Exchange again = new Exchange("GET", "EIO=4&transport=polling", null);
    onLoop(
        () -> {
          port.handleRequest(again);
          return null;
        });
    String other = sidOf(again.answer());
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("open " + other);
    HttpRequestInfo big = request("POST", "EIO=4&transport=polling&sid=" + other);
    BodyAdmission tooLarge = port.admitBody(big, 11);
    assertThat(tooLarge.refusalStatus()).isEqualTo(413);
    assertThat(flat(tooLarge.refusalHeaders())).containsKey("Access-Control-Allow-Origin");
    assertThat(events).isEmpty(); // the session closes once the 413 is written
    tooLarge.fail("payload too large");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close transport error");
    assertThat(port.admitBody(request("POST", "EIO=4&transport=polling&sid=x"), 1))
        .isSameAs(BodyAdmission.NO_SESSION);
    assertThat(events).isEmpty();
  }
}
