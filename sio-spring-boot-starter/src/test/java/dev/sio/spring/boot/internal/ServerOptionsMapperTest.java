package dev.sio.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerOptionsMapperTest {
  @Test
  void theEndpointPathJoinsTheContextPathAndEndsWithASlash() {
    assertThat(ServerOptionsMapper.endpointPath("", "/socket.io/")).isEqualTo("/socket.io/");
    assertThat(ServerOptionsMapper.endpointPath(null, "socket.io")).isEqualTo("/socket.io/");
    assertThat(ServerOptionsMapper.endpointPath("/app", "/socket.io/"))
        .isEqualTo("/app/socket.io/");
    assertThat(ServerOptionsMapper.endpointPath("/app/", "/rt")).isEqualTo("/app/rt/");
    assertThatThrownBy(() -> ServerOptionsMapper.endpointPath("", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sio.path must not be blank");
  }
}
