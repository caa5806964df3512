package dev.sio.servlet.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow clients through a container with few request threads: a POST whose body stalls and a pending
 * long poll hold no container thread, so other sessions are still served; a stalled body holds its
 * session's next request only for a moment ({@code RequestOrder}). A container module extends it
 * with a fixture of {@link #THREADS} request threads serving {@link #options()} too.
 */
@Timeout(60)
public abstract class SlowClientSuite {
  /** The request threads the container under test runs at most (Jetty's selector excluded). */
  public static final int THREADS = 2;

  /** Stalled clients of each kind: several times the container's threads. */
  private static final int STALLED = 6 * THREADS;

  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

  /** {@return the options of the endpoint at {@code /slow/} the fixture must also serve} */
  public static EngineOptions options() {
    return EngineOptions.builder()
        .path("/slow/")
        .pingInterval(Duration.ofSeconds(20))
        .pingTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** {@return the options of the endpoint at {@code /slowping/}: a ping answers a pending GET} */
  public static EngineOptions pingOptions() {
    return EngineOptions.builder()
        .path("/slowping/")
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** {@return the route the fixture must also serve at {@code /big/}: an 8 MB reply} */
  public static dev.sio.engine.HttpRoute bigRoute() {
    byte[] big = new byte[8_000_000];
    return request -> dev.sio.engine.HttpReply.ok("application/octet-stream", big);
  }

  /** {@return the port of the running fixture} */
  protected abstract int port();

  private String handshake(String path) throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      RawHttp.Response r = c.exchange("GET", path + "?EIO=4&transport=polling", "", null);
      assertThat(r.status()).as(r.head()).isEqualTo(200);
      Matcher m = SID.matcher(r.body());
      assertThat(m.find()).as(r.body()).isTrue();
      return m.group(1);
    }
  }

  /** The head of a POST declaring 10 bytes and one byte of its body; the rest never comes. */
  private RawHttp stalledPost(String path, String sid) throws Exception {
    RawHttp c = new RawHttp(port());
    c.write(
        "POST "
            + path
            + "?EIO=4&transport=polling&sid="
            + sid
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 10\r\n\r\n4");
    return c;
  }

  /** A long poll left pending: its answer is never read. */
  private RawHttp pendingGet(String path, String sid) throws Exception {
    RawHttp c = new RawHttp(port());
    c.write(
        "GET "
            + path
            + "?EIO=4&transport=polling&sid="
            + sid
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    return c;
  }

  @Test
  public void stalledBodiesAndPendingPollsHoldNoThread() throws Exception {
    List<RawHttp> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        stalled.add(stalledPost("/slow/", handshake("/slow/")));
        stalled.add(pendingGet("/slow/", handshake("/slow/")));
      }
      // another session is served from start to end: handshake, message in, message out
      String sid = handshake("/slow/");
      String target = "/slow/?EIO=4&transport=polling&sid=" + sid;
      try (RawHttp c = new RawHttp(port())) {
        RawHttp.Response post = c.exchange("POST", target, "Content-Type: text/plain\r\n", "4hi");
        assertThat(post.status()).as(post.head()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("ok");
        RawHttp.Response get = c.exchange("GET", target, "", null);
        assertThat(get.status()).as(get.head()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("4hi");
      }
    } finally {
      for (RawHttp c : stalled) {
        c.close();
      }
    }
  }

  @Test
  public void stalledBodyHoldsItsSessionsNextPollOnlyBriefly() throws Exception {
    String sid = handshake("/slowping/");
    try (RawHttp post = stalledPost("/slowping/", sid);
        RawHttp get = pendingGet("/slowping/", sid)) {
      // the GET took its ticket behind the POST's; it reaches the session all the same and gets
      // the heartbeat's ping while the POST's body is still missing
      RawHttp.Response r = get.read();
      assertThat(r.status()).as(r.head()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("2");
      // the rest of the body still arrives and is taken as the session's message
      post.write("hello4321");
      RawHttp.Response p = post.read();
      assertThat(p.status()).as(p.head()).isEqualTo(200);
      assertThat(p.body()).isEqualTo("ok");
    }
  }

  /**
   * Tomcat answers a client's close frame in blocking mode on the container thread, after the send
   * in flight; a client that stopped reading keeps that send in flight for ever. The binding bounds
   * that wait (100 ms; our closeTimeout of 30 s before), so such clients hold the container's
   * threads only for a moment and the next session is served.
   */
  @Test
  public void webSocketsThatStopReadingAndCloseHoldNoThreadForLong() throws Exception {
    List<RawHttp> hostile = new ArrayList<>();
    byte[] message = new byte[100_000];
    java.util.Arrays.fill(message, (byte) 'x');
    message[0] = '4';
    try {
      for (int i = 0; i < THREADS; i++) {
        RawHttp c = new RawHttp(port(), 4096);
        hostile.add(c);
        c.write(
            "GET /slow/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + RawHttp.upgrade("dGhlIHNhbXBsZSBub25jZQ==", "13")
                + "\r\n");
        assertThat(c.read().status()).isEqualTo(101);
        for (int k = 0; k < 80; k++) { // 8 MB echoed to a client that reads none of it
          c.frame(1, message);
        }
        c.frame(8, new byte[] {0x03, (byte) 0xE8}); // close, 1000
      }
      String sid = handshake("/slow/");
      String target = "/slow/?EIO=4&transport=polling&sid=" + sid;
      try (RawHttp c = new RawHttp(port())) {
        RawHttp.Response post = c.exchange("POST", target, "Content-Type: text/plain\r\n", "4hi");
        assertThat(post.status()).as(post.head()).isEqualTo(200);
        RawHttp.Response get = c.exchange("GET", target, "", null);
        assertThat(get.body()).isEqualTo("4hi");
      }
    } finally {
      for (RawHttp c : hostile) {
        c.close();
      }
    }
  }

  @Test
  public void routeRepliesToClientsThatDoNotReadHoldNoThread() throws Exception {
    List<RawHttp> readers = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        RawHttp c = new RawHttp(port(), 4096);
        readers.add(c);
        c.write("GET /big/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); // 8 MB, never read
      }
      String sid = handshake("/slow/");
      try (RawHttp c = new RawHttp(port())) {
        String target = "/slow/?EIO=4&transport=polling&sid=" + sid;
        RawHttp.Response post = c.exchange("POST", target, "Content-Type: text/plain\r\n", "4hi");
        assertThat(post.status()).as(post.head()).isEqualTo(200);
      }
    } finally {
      for (RawHttp c : readers) {
        c.close();
      }
    }
  }
}
