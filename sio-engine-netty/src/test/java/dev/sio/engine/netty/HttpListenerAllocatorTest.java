package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.HttpReply;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link HttpListenerOptions.Builder#allocator}: the connections' buffers come from it. */
@Timeout(30)
class HttpListenerAllocatorTest {
  @Test
  void connectionsAllocateFromTheGivenAllocator() throws Exception {
    PooledByteBufAllocator own = new PooledByteBufAllocator(true, 0, 1, 8192, 9, 0, 0, false);
    assertThat(own.metric().usedDirectMemory()).isZero();
    HttpListener listener =
        HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").allocator(own).build());
    listener.route("/", req -> HttpReply.text(200, "hello"));
    try {
      listener.start();
      HttpResponse<String> r =
          EngineClients.get(
              EngineClients.http(), URI.create("http://127.0.0.1:" + listener.port() + "/"));

      assertThat(r.body()).isEqualTo("hello");
      assertThat(listener.options().allocator()).isSameAs(own);
      // the request was read into (and the reply written from) the listener's own pool
      assertThat(own.metric().usedDirectMemory()).isPositive();
    } finally {
      listener.close();
    }
  }

  @Test
  void byDefaultNettysDefaultIsUsed() {
    assertThat(HttpListenerOptions.builder().build().allocator()).isNull();
  }
}
