package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineHost;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineServer;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NettyStandaloneTest {
  private static HttpListenerOptions loopback() {
    return HttpListenerOptions.builder().host("127.0.0.1").port(0).build();
  }

  /** A host of another binding: the standalone view must not take it for Netty's listener. */
  private static final class OtherHost implements EngineHost {
    @Override
    public EngineServer attach(EngineOptions options, EngineHandler handler) {
      throw new UnsupportedOperationException("attach");
    }

    @Override
    public EngineHost route(String pathPrefix, HttpRoute route) {
      throw new UnsupportedOperationException("route");
    }
  }

  @Test
  void aSharedListenerIsRecognisedStartedAndLeftOpen() {
    try (HttpListener listener = HttpListener.create(loopback())) {
      NettyStandalone standalone = NettyStandalone.of(listener);
      assertThat(standalone).isNotNull();
      assertThat(standalone.listener()).isSameAs(listener);
      assertThat(standalone.host()).isSameAs(listener);
      standalone.start(0);
      assertThat(standalone.port()).isPositive().isEqualTo(listener.port());
      standalone.close();
      assertThat(listener.isRunning()).isTrue();
    }
  }

  @Test
  void anOwnedListenerIsClosed() {
    NettyStandalone standalone = NettyStandalone.create(loopback());
    standalone.start(0);
    assertThat(standalone.listener().isRunning()).isTrue();
    standalone.close();
    assertThat(standalone.listener().isRunning()).isFalse();
  }

  @Test
  void anotherHostIsNotNetty() {
    assertThat(NettyStandalone.of(new OtherHost())).isNull();
  }
}
