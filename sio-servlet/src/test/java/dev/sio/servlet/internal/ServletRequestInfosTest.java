package dev.sio.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServletRequestInfosTest {
  @Test
  void decodesPercentEscapesAsUtf8AndKeepsPlus() {
    assertThat(ServletRequestInfos.decodePath("/socket.io/")).isEqualTo("/socket.io/");
    assertThat(ServletRequestInfos.decodePath("/a%20b+c")).isEqualTo("/a b+c");
    assertThat(ServletRequestInfos.decodePath("/%C3%A9t%C3%A9")).isEqualTo("/été");
  }

  @Test
  void keepsTheRawPathWhenAnEscapeIsMalformed() {
    assertThat(ServletRequestInfos.decodePath("/a%2")).isEqualTo("/a%2");
    assertThat(ServletRequestInfos.decodePath("/a%zz")).isEqualTo("/a%zz");
  }

  @Test
  void checksWebSocketKeysAsWs() {
    assertThat(ServletUpgrades.isValidKey("dGhlIHNhbXBsZSBub25jZQ==")).isTrue();
    assertThat(ServletUpgrades.isValidKey("dGhlIHNhbXBsZSBub25jZQ")).isFalse();
    assertThat(ServletUpgrades.isValidKey("dGhlIHNhbXBsZSBub25jZ*==")).isFalse();
  }
}
