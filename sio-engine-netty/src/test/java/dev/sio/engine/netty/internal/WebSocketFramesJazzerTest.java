package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jazzer target for the WebSocket frame path: a real upgrade ({@code GET ...&transport=websocket})
 * on a connection with the real pipeline (see {@link FuzzServer}), then arbitrary frame bytes:
 * masked or not, fragmented, control frames, RSV bits, any close code.
 *
 * <p>Input: the first byte chooses the endpoint (bit 0: {@code /socket.io/} with permessage-deflate
 * offered and accepted, else {@code /engine.io/}) and how the rest is cut into reads (bits 1-7:
 * reads of {@code 1 + n * 7} bytes, or one read for 0); the rest is what the client sends after the
 * upgrade. Invariants: the upgrade answers 101; no exception reaches the pipeline's end and nothing
 * is logged at WARN; the server's frames are well-formed, unmasked, with valid close codes (RFC
 * 6455 7.4); every input buffer is released; no session is left once the connection closes.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/sio/engine/internal/
 * WebSocketFramesJazzerTestInputs/frames/}; {@code ./sio fuzz websocket} fuzzes.
 */
class WebSocketFramesJazzerTest {
  private static final FuzzServer SERVER = new FuzzServer();

  private static byte[] upgrade(boolean deflate) {
    String request =
        "GET "
            + (deflate ? "/socket.io/" : "/engine.io/")
            + "?EIO=4&transport=websocket HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + (deflate
                ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                : "")
            + "\r\n";
    return request.getBytes(StandardCharsets.US_ASCII);
  }

  @FuzzTest(maxDuration = "2m")
  void frames(byte[] input) {
    int flags = input.length == 0 ? 0 : input[0] & 0xff;
    boolean deflate = (flags & 1) != 0;
    int chunk = (flags >> 1) == 0 ? Math.max(1, input.length) : 1 + (flags >> 1) * 7;
    FuzzServer.Connection c = SERVER.connect();
    try {
      c.write(upgrade(deflate));
      String head = new String(c.output(), StandardCharsets.ISO_8859_1);
      assertThat(head).as("the upgrade's answer").startsWith("HTTP/1.1 101 ");
      for (int at = 1; at < input.length; at += chunk) {
        c.write(Arrays.copyOfRange(input, at, Math.min(input.length, at + chunk)));
      }
      c.step(1000);
    } finally {
      c.finish();
    }
    WireChecks.Result r = WireChecks.check(c.output(), false, deflate);
    assertThat(r.upgraded()).isTrue();
    assertThat(r.frames()).as("at least the open packet").isPositive();
  }
}
