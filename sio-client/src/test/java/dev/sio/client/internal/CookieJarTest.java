package dev.sio.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CookieJarTest {
  @Test
  void keepsCookiesByNameAndSendsThemBack() {
    CookieJar jar = new CookieJar();
    assertThat(jar.header()).isNull();
    jar.parse(List.of("io=abc; Path=/; HttpOnly; SameSite=Lax", "lb=\"server-1\""));
    assertThat(jar.header()).isEqualTo("io=abc; lb=server-1");
    jar.parse(List.of("io=def"));
    assertThat(jar.header()).isEqualTo("io=def; lb=server-1");
  }

  @Test
  void dropsExpiredCookies() {
    CookieJar jar = new CookieJar();
    jar.parse(
        List.of(
            "gone=1; Max-Age=0",
            "old=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            "kept=3; Max-Age=3600"));
    assertThat(jar.header()).isEqualTo("kept=3");
  }

  @Test
  void ignoresMalformedHeaders() {
    CookieJar jar = new CookieJar();
    jar.parse(List.of("novalue", "=nameless", "ok=1; Expires=not a date"));
    assertThat(jar.header()).isEqualTo("ok=1");
  }
}
