package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Base64IdTest {
  @Test
  void idsAre20UrlSafeCharactersOf15RandomBytes() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Base64Id.generate();
      assertThat(id).matches("[A-Za-z0-9_-]{20}");
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(15);
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }
}
