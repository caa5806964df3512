package dev.sio.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EndpointTest {
  @Test
  void readsSchemeHostPortNamespaceAndQuery() {
    Endpoint e = Endpoint.of(URI.create("https://example.com/chat?token=a%20b&x"));
    assertThat(e.secure()).isTrue();
    assertThat(e.host()).isEqualTo("example.com");
    assertThat(e.port()).isEqualTo(443);
    assertThat(e.namespace()).isEqualTo("/chat");
    assertThat(e.query()).isEqualTo(Map.of("token", "a b", "x", ""));
    assertThat(e.hostHeader()).isEqualTo("example.com");
  }

  @Test
  void defaultsPortsAndNamespace() {
    Endpoint ws = Endpoint.of(URI.create("ws://127.0.0.1"));
    assertThat(ws.secure()).isFalse();
    assertThat(ws.port()).isEqualTo(80);
    assertThat(ws.namespace()).isEqualTo("/");
    Endpoint custom = Endpoint.of(URI.create("http://localhost:3000"));
    assertThat(custom.hostHeader()).isEqualTo("localhost:3000");
    assertThat(custom.uri("ws", "/socket.io/?EIO=4"))
        .isEqualTo("ws://localhost:3000/socket.io/?EIO=4");
  }

  @Test
  void bracketsIpv6Hosts() {
    Endpoint e = Endpoint.of(URI.create("http://[::1]:8080/"));
    assertThat(e.host()).isEqualTo("::1");
    assertThat(e.hostHeader()).isEqualTo("[::1]:8080");
  }

  @Test
  void rejectsOtherSchemes() {
    assertThatThrownBy(() -> Endpoint.of(URI.create("ftp://example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported URI scheme (expected http, https, ws or wss): ftp://example.com");
  }

  @Test
  void encodesQueriesLikeEncodeUriComponent() {
    assertThat(QueryStrings.encode(Map.of("a b", "c&d=e!'()*~")))
        .isEqualTo("?a%20b=c%26d%3De!'()*~");
    assertThat(QueryStrings.encode(Map.of())).isEmpty();
  }
}
