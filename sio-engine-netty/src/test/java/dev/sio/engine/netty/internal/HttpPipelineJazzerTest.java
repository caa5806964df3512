package dev.sio.engine.netty.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jazzer target for the HTTP request path: bytes into one connection carrying the real pipeline
 * ({@link ListenerInitializer}: idle handler, flush consolidation, HTTP codec, permessage-deflate
 * gate, {@link HttpConnectionHandler}) and real {@link EngineEndpoint}s (see {@link FuzzServer}).
 *
 * <p>The input is split at each {@code 0xff} byte (never valid in an HTTP head) into reads that
 * arrive one after another, 10 ms of virtual time apart; in each, {@code {sid}} is replaced by the
 * id of the last session opened, so that a handshake followed by polling GET/POST with its sid,
 * upgrades and probes can be expressed. Invariants: no exception reaches the pipeline's end and
 * nothing is logged at WARN; the output is a sequence of well-formed HTTP responses, 1xx to 4xx,
 * never 5xx (then well-formed server WebSocket frames after a 101 with valid close codes); every
 * input buffer is released; once the connection closes and every deadline passes, no session is
 * left. Leaks of other buffers show in Netty's PARANOID leak detector (the build's argLine).
 *
 * <p>Regression inputs: {@code src/test/resources/dev/sio/engine/internal/
 * HttpPipelineJazzerTestInputs/requests/}; {@code ./sio fuzz http} fuzzes.
 */
class HttpPipelineJazzerTest {
  private static final byte READ_SEPARATOR = (byte) 0xff;
  private static final byte[] SID = "{sid}".getBytes(StandardCharsets.US_ASCII);
  private static final FuzzServer SERVER = new FuzzServer();

  @FuzzTest(maxDuration = "2m")
  void requests(byte[] input) {
    SERVER.lastSid = null;
    FuzzServer.Connection c = SERVER.connect();
    try {
      int start = 0;
      for (int i = 0; i <= input.length; i++) {
        if (i == input.length || input[i] == READ_SEPARATOR) {
          if (i > start) {
            c.write(withSid(Arrays.copyOfRange(input, start, i)));
          }
          start = i + 1;
        }
      }
      c.step(1000);
    } finally {
      c.finish();
    }
    // What the server read: the reads joined (a HEAD request line may be split across reads).
    String text = new String(input, StandardCharsets.ISO_8859_1).replace("\u00ff", "");
    boolean deflate = text.contains("permessage-deflate");
    WireChecks.check(c.output(), text.contains("HEAD"), deflate);
  }

  private static byte[] withSid(byte[] read) {
    String sid = SERVER.lastSid;
    int at = indexOf(read, SID, 0);
    if (sid == null || at < 0) {
      return read;
    }
    byte[] id = sid.getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(read.length + 16);
    int from = 0;
    while (at >= 0) {
      out.write(read, from, at - from);
      out.writeBytes(id);
      from = at + SID.length;
      at = indexOf(read, SID, from);
    }
    out.write(read, from, read.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] b, byte[] s, int from) {
    outer:
    for (int i = from; i + s.length <= b.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (b[i + j] != s[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
