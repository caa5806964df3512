package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SessionIdsTest {
  @Test
  void idsAre20UrlSafeCharactersOf15BytesAndDistinctAcrossThreads() throws Exception {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 5000; i++) { // several pools' worth per thread
                  ids.add(SessionIds.next());
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(ids).hasSize(20_000);
    for (String id : ids) {
      assertThat(id).hasSize(20).matches("[A-Za-z0-9_-]{20}");
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(15);
    }
  }

  @Test
  void everyCharacterOfTheAlphabetAppears() {
    Set<Character> seen = new java.util.HashSet<>();
    for (int i = 0; i < 2000; i++) {
      for (char c : SessionIds.next().toCharArray()) {
        seen.add(c);
      }
    }
    assertThat(seen).hasSize(64); // not stuck on part of the alphabet
  }
}
