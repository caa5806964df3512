package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.MessageChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session layer over a {@link MessageChannel} that is not Netty's: which call each packet
 * becomes (Engine.IO v4 and v3), and what {@link WebSocketTransport}, as the connection's {@link
 * dev.sio.engine.spi.WebSocketInbound}, makes of what arrives, on the session's executor and from
 * another thread. No socket, no Netty type.
 */
@Timeout(10)
class WebSocketTransportTest {
  /** Records every call the session layer makes, as text. */
  private static final class RecordingChannel implements MessageChannel {
    final List<Object> calls = new ArrayList<>(); // the loop

    @Override
    public void writeText(char type, CharSequence data) {
      calls.add("text " + type + (data == null ? "" : data));
    }

    @Override
    public void writeBinary(byte[] data) {
      calls.add("binary " + Arrays.toString(data));
    }

    @Override
    public void writeMessage(EngineMessage message) {
      calls.add(message);
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
  }

  private final TestLoop loop = new TestLoop();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final EngineHandler handler =
      new EngineHandler() {
        @Override
        public void onMessage(EngineSocket socket, String text) {
          events.add("string " + text + (loop.inExecutor() ? "" : " off the loop"));
        }

        @Override
        public void onMessage(EngineSocket socket, byte[] utf8, int offset, int length) {
          events.add("bytes " + new String(utf8, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onBinary(EngineSocket socket, byte[] data) {
          events.add("binary " + Arrays.toString(data));
        }

        @Override
        public void onClose(EngineSocket socket, String reason, String description) {
          events.add("close " + reason);
        }
      };
  private final RecordingChannel channel = new RecordingChannel();

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }

  private WebSocketTransport open(int protocol, String query) throws Exception {
    EngineOptions options = EngineOptions.builder().allowEIO3(true).build();
    EngineEndpoint endpoint = new EngineEndpoint(options, handler);
    Map<String, List<String>> q = query == null ? Map.of() : Map.of(query, List.of("1"));
    HttpRequestInfo info =
        new HttpRequestInfo("GET", "/engine.io/", "/engine.io/", Map.of(), q, null, false);
    return onLoop(
        () -> {
          EngineSession session =
              new EngineSession("sid", protocol, endpoint, EngineEndpoint.handshakeOf(info), loop);
          WebSocketTransport ws = new WebSocketTransport(session, channel);
          ws.request(info);
          ws.configure(info);
          session.open(ws);
          return ws;
        });
  }

  private List<Object> drainCalls() throws Exception {
    return onLoop(
        () -> {
          List<Object> c = new ArrayList<>(channel.calls);
          channel.calls.clear();
          return c;
        });
  }

  @Test
  void v4PacketsBecomeTextBinaryAndPreparedMessages() throws Exception {
    WebSocketTransport ws = open(4, null);
    List<Object> opened = drainCalls();
    assertThat(opened).hasSize(2);
    assertThat((String) opened.get(0)).startsWith("text 0{\"sid\":\"sid\"");
    assertThat(opened.get(1)).isEqualTo("flush");

    EngineMessage prepared = EngineMessage.binary(new byte[] {5});
    onLoop(
        () -> {
          EngineSocket s = ws.session;
          s.send("hi");
          s.send(new byte[] {1, 2});
          s.send(prepared);
          assertThat(s.sendNow("now")).isTrue();
          return null;
        });
    assertThat(drainCalls())
        .containsExactly(
            "text 4hi", "flush", "binary [1, 2]", "flush", prepared, "flush", "text 4now", "flush");

    onLoop(
        () -> {
          ws.session.close();
          return null;
        });
    assertThat(drainCalls()).containsExactly("close -1");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close forced close");
  }

  @Test
  void v3BinaryGetsTheTypeByteOrBase64Text() throws Exception {
    WebSocketTransport binary = open(3, null);
    drainCalls();
    EngineMessage m = EngineMessage.binary(new byte[] {7, 8});
    onLoop(
        () -> {
          binary.session.send(m);
          binary.session.send(new byte[] {7, 8});
          binary.session.send(EngineMessage.text("t"));
          return null;
        });
    List<Object> calls = drainCalls();
    assertThat(calls).hasSize(6);
    assertThat(((EngineMessage) calls.get(0)).binary()).containsExactly(4, 7, 8);
    assertThat(calls.get(0)).isSameAs(PollingForms.v3Frames(m)); // made once, shared
    assertThat(calls.get(2)).isEqualTo("binary [4, 7, 8]");
    assertThat(((EngineMessage) calls.get(4)).text()).isEqualTo("t");

    WebSocketTransport base64 = open(3, "b64");
    drainCalls();
    onLoop(
        () -> {
          base64.session.send(m);
          base64.session.send(new byte[] {7, 8});
          return null;
        });
    assertThat(drainCalls()).containsExactly("text b4Bwg=", "flush", "text b4Bwg=", "flush");
  }

  @Test
  void textArrivesAsBytesOnTheLoopAndAsAStringFromElsewhere() throws Exception {
    WebSocketTransport ws = open(4, null);
    byte[] frame = "x4hello".getBytes(StandardCharsets.UTF_8);
    onLoop(
        () -> {
          ws.onText(frame, 1, 6); // the type byte read in place, the rest handed up as bytes
          return null;
        });
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("bytes hello");

    ws.onText("4later".getBytes(StandardCharsets.UTF_8), 0, 6); // not the loop: decoded, a hop
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("string later");
    ws.onText("4decoded");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("string decoded");
    ws.onBinary(new byte[] {9});
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("binary [9]");

    ws.onText(new byte[0], 0, 0); // an empty frame: "parse error", and the channel is closed
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close parse error");
    assertThat(drainCalls()).contains("close -1");
    assertThat(events).isEmpty();
  }

  @Test
  void theConnectionsEndClosesTheSession() throws Exception {
    WebSocketTransport ws = open(4, null);
    ws.onProtocolError("bad frame");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close transport error");

    WebSocketTransport other = open(4, null);
    other.onClosed();
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("close transport close");
    assertThat(events).isEmpty();
  }
}
