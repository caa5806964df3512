package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Socket.IO protocol v4 details of v2 clients: namespace queries, ids, CONNECT_ERROR. */
class SocketIoV4Test {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void theQueryOfANamespaceBecomesItsAuth() {
    SocketIoV4.Target t = SocketIoV4.parseNamespace("/chat?token=a%20b&x=1&x=2&flag");
    assertThat(t.namespace()).isEqualTo("/chat");
    assertThat(t.auth().toString()).isEqualTo("{\"token\":\"a b\",\"x\":\"2\",\"flag\":\"\"}");
    SocketIoV4.Target plain = SocketIoV4.parseNamespace("/");
    assertThat(plain.namespace()).isEqualTo("/");
    assertThat(plain.auth().isEmpty()).isTrue();
  }

  @Test
  void socketIdsAreTheEngineSid() {
    assertThat(SocketIoV4.socketId("/", "abc")).isEqualTo("abc");
    assertThat(SocketIoV4.socketId("/chat", "abc")).isEqualTo("/chat#abc");
  }

  @Test
  void connectErrorsCarryTheDataOrTheMessage() {
    assertThat(SocketIoV4.connectError(mapper, new Exception("nope")).toString())
        .isEqualTo("\"nope\"");
    assertThat(
            SocketIoV4.connectError(mapper, new ConnectError("nope", Map.of("retry", false)))
                .toString())
        .isEqualTo("{\"retry\":false}");
  }
}
