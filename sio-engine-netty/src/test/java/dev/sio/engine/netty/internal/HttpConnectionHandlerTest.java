package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpReply;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.Router;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP pipeline on Netty's EmbeddedChannel: no socket, virtual time for the heartbeat. */
@Timeout(10)
class HttpConnectionHandlerTest {
  private final List<String> events = new ArrayList<>();
  private final Router router = new Router();

  private final EngineHandler handler =
      new EngineHandler() {
        @Override
        public void onOpen(EngineSocket socket) {
          events.add("open");
        }

        @Override
        public void onMessage(EngineSocket socket, String text) {
          events.add("message " + text);
          socket.send(text.toUpperCase(java.util.Locale.ROOT));
        }

        @Override
        public void onBinary(EngineSocket socket, byte[] data) {
          events.add("binary " + data.length);
        }

        @Override
        public void onClose(EngineSocket socket, String reason, String description) {
          events.add("close " + reason);
        }
      };

  private EmbeddedChannel channel() {
    return EmbeddedSessionExecutor.install(plainChannel()); // its loop owns the sessions
  }

  /** A connection on Netty's embedded loop only, which is no session executor. */
  private EmbeddedChannel plainChannel() {
    return new EmbeddedChannel(new HttpServerCodec(), new HttpConnectionHandler(router, false));
  }

  private static String exchange(EmbeddedChannel ch, String request) {
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    return drain(ch);
  }

  private static String drain(EmbeddedChannel ch) {
    ch.runPendingTasks();
    StringBuilder out = new StringBuilder();
    Object o;
    while ((o = ch.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  @Test
  void aHandshakeOnALoopThatIsNoSessionExecutorFailsLoudly() {
    EngineEndpoint endpoint = new EngineEndpoint(EngineOptions.defaults(), handler);
    router.add(endpoint);
    EmbeddedChannel ch = plainChannel();
    String open =
        exchange(ch, "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
    // no session, no answer: the error reaches the pipeline (a WARN) and the connection closes
    assertThat(open).isEmpty();
    assertThat(ch.isOpen()).isFalse();
    assertThat(endpoint.clientsCount()).isZero();
    assertThat(events).isEmpty();
    ch.finishAndReleaseAll();
  }

  @Test
  void pollingSessionOverEmbeddedChannels() {
    router.add(new EngineEndpoint(EngineOptions.defaults(), handler));
    EmbeddedChannel ch = channel();
    String open =
        exchange(ch, "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(open).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(open).contains("Content-Type: text/plain; charset=UTF-8\r\n");
    assertThat(body(open)).startsWith("0{\"sid\":\"");
    String sid = body(open).substring(9, 29);
    assertThat(events).containsExactly("open");

    EmbeddedChannel poster = channel();
    String ok =
        exchange(
            poster,
            "POST /engine.io/?EIO=4&transport=polling&sid="
                + sid
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n4abc\u001e4def\u001e3");
    assertThat(body(ok)).isEqualTo("ok");
    assertThat(events).containsExactly("open", "message abc", "message def");
    String poll =
        exchange(
            ch,
            "GET /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(body(poll)).isEqualTo("4ABC\u001e4DEF");
    ch.finishAndReleaseAll();
    poster.finishAndReleaseAll();
  }

  @Test
  void heartbeatRunsOnTheChannelsClock() {
    router.add(
        new EngineEndpoint(
            EngineOptions.builder()
                .pingInterval(Duration.ofSeconds(25))
                .pingTimeout(Duration.ofSeconds(20))
                .build(),
            handler));
    EmbeddedChannel ch = channel();
    ch.freezeTime();
    String open =
        exchange(ch, "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
    String sid = body(open).substring(9, 29);
    String pollRequest =
        "GET /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n\r\n";
    assertThat(exchange(ch, pollRequest)).isEmpty(); // pending
    ch.advanceTimeBy(24_999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(drain(ch)).isEmpty();
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(body(drain(ch))).isEqualTo("2");
    ch.advanceTimeBy(19_999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(events).containsExactly("open");
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(events).containsExactly("open", "close ping timeout");
    assertThat(body(exchange(ch, pollRequest)))
        .isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    ch.finishAndReleaseAll();
  }

  @Test
  void aLatePongCannotReviveASessionWhoseTimerIsLate() {
    router.add(
        new EngineEndpoint(
            EngineOptions.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .build(),
            handler));
    EmbeddedChannel ch = channel();
    ch.freezeTime();
    String open =
        exchange(ch, "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
    String sid = body(open).substring(9, 29);
    // 500 ms pass but no timer has run yet (a busy machine): the ping was due at 300 ms and its
    // pong at 500 ms, so a request now finds the session dead, as Node's punctual timers would
    ch.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    String late =
        exchange(
            ch,
            "POST /engine.io/?EIO=4&transport=polling&sid="
                + sid
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n3");
    assertThat(body(late)).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    assertThat(events).containsExactly("open", "close ping timeout");
    ch.finishAndReleaseAll();
  }

  @Test
  void garbageIsA400AndTheConnectionCloses() {
    EmbeddedChannel ch = channel();
    String answer = exchange(ch, "\u0001\u0002\u0003 garbage\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(answer).contains("connection: close");
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void oversizedDeclaredBodiesAre413WithoutReadingThem() {
    router.add(new EngineEndpoint(EngineOptions.builder().maxHttpBufferSize(10).build(), handler));
    EmbeddedChannel ch = channel();
    String answer =
        exchange(
            ch,
            "POST /engine.io/?EIO=4&transport=polling&sid=x HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 11\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void routesAndNotFound() {
    router.add("/hello", req -> HttpReply.text(200, "hi " + req.queryParam("n")));
    EmbeddedChannel ch = channel();
    assertThat(body(exchange(ch, "GET /hello?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"))).isEqualTo("hi 1");
    String missing = exchange(ch, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(missing).startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(ch.isOpen()).isTrue();
    String close = exchange(ch, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(close).contains("connection: close");
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }
}
