package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.server.internal.ConformanceFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server of the official suite behaves as the suite expects (the suite itself runs by hand).
 */
@Timeout(20)
class ConformanceFixtureTest {
  HttpListener listener;
  TestClient c;

  @BeforeEach
  void start() {
    listener = HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    ConformanceFixture.attach(listener);
    listener.start();
  }

  @AfterEach
  void stop() {
    if (c != null) {
      assertThat(c.received).as("frames no test read").isEmpty();
      c.close();
    }
    listener.close();
  }

  @Test
  void handshakeHoldsExactlyTheSuitesKeys() throws Exception {
    c = TestClient.websocket(listener.port());
    assertThat(c.handshake.fieldNames())
        .toIterable()
        .containsExactly("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(c.handshake.get("pingInterval").asInt()).isEqualTo(300);
    assertThat(c.handshake.get("pingTimeout").asInt()).isEqualTo(200);
    assertThat(c.handshake.get("maxPayload").asInt()).isEqualTo(1_000_000);
  }

  @Test
  void authEchoMessagesAndAcks() throws Exception {
    c = TestClient.websocket(listener.port());
    c.sendRaw("40{\"token\":\"123\"}");
    assertThat(c.nextText()).matches("40\\{\"sid\":\"[\\w-]{20}\"}");
    assertThat(c.nextText()).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
    c.sendRaw("40/custom");
    assertThat(c.nextText()).matches("40/custom,\\{\"sid\":\"[\\w-]{20}\"}");
    assertThat(c.nextText()).isEqualTo("42/custom,[\"auth\",{}]");
    c.sendRaw("42[\"message\",1,\"2\",{\"3\":[true]}]");
    assertThat(c.nextText()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
    c.sendRaw(
        "452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},"
            + "{\"_placeholder\":true,\"num\":1}]");
    c.sendBinary(new byte[] {1, 2, 3});
    c.sendBinary(new byte[] {4, 5, 6});
    assertThat(c.nextText())
        .isEqualTo("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    assertThat(c.nextBinary()).containsExactly(1, 2, 3);
    assertThat(c.nextBinary()).containsExactly(4, 5, 6);
    c.sendRaw("41");
    c.sendRaw("41/custom,");
    c.expectNothing(100);
    assertThat(c.closed).isNotDone();
  }

  @Test
  void aSessionWithoutNamespaceIsClosedAfterTheConnectTimeout() throws Exception {
    c = TestClient.websocket(listener.port());
    c.awaitClosed();
  }
}
