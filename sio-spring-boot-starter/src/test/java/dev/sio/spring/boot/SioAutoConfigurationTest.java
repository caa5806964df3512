package dev.sio.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.client.ClientOptions;
import dev.sio.client.SocketIoClient;
import dev.sio.server.AdapterFactory;
import dev.sio.server.ConnectionMiddleware;
import dev.sio.server.InMemoryAdapter;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import dev.sio.testkit.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The auto-configuration in a plain (non-web) context: Sio on its own Netty port. */
@Timeout(60)
class SioAutoConfigurationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SioAutoConfiguration.class))
          .withPropertyValues("sio.host=127.0.0.1", "sio.port=0");

  @Test
  void defaultsAreSiosAndTheServerListensOnItsOwnPortWhileTheContextRuns() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(SocketIoServer.class).hasSingleBean(SioLifecycle.class);
          SocketIoServer io = context.getBean(SocketIoServer.class);
          ServerOptions o = io.options();
          ServerOptions d = ServerOptions.defaults();
          assertThat(o.path()).isEqualTo("/socket.io/");
          assertThat(o.engine().pingIntervalMillis()).isEqualTo(d.engine().pingIntervalMillis());
          assertThat(o.engine().pingTimeoutMillis()).isEqualTo(d.engine().pingTimeoutMillis());
          assertThat(o.engine().maxHttpBufferSize()).isEqualTo(d.engine().maxHttpBufferSize());
          assertThat(o.engine().transports()).isEqualTo(d.engine().transports());
          assertThat(o.engine().cors()).isNull();
          assertThat(o.connectionStateRecovery()).isNull();
          assertThat(o.listener().host()).isEqualTo("127.0.0.1");
          assertThat(context.getBean(SioLifecycle.class).isRunning()).isTrue();
          assertThat(io.port()).isPositive();
        });
  }

  @Test
  void propertiesReachTheOptions() {
    runner
        .withPropertyValues(
            "sio.path=/rt",
            "sio.ping-interval=3s",
            "sio.ping-timeout=2s",
            "sio.max-http-buffer-size=2048",
            "sio.transports=websocket",
            "sio.serve-client=false",
            "sio.connect-timeout=7s",
            "sio.cors.origins=https://a.example,https://b.example",
            "sio.cors.credentials=true",
            "sio.recovery.max-disconnection-duration=90s",
            "sio.recovery.skip-middlewares=false",
            "sio.engine.per-message-deflate=true",
            "sio.engine.http-compression=false",
            "sio.engine.max-buffered-bytes=123456",
            "sio.engine.max-total-buffered-bytes=9999999",
            "sio.engine.close-timeout=4s",
            "sio.engine.allow-eio3=true")
        .run(
            context -> {
              ServerOptions o = context.getBean(ServerOptions.class);
              assertThat(o.path()).isEqualTo("/rt/");
              assertThat(o.engine().pingIntervalMillis()).isEqualTo(3000);
              assertThat(o.engine().pingTimeoutMillis()).isEqualTo(2000);
              assertThat(o.engine().maxHttpBufferSize()).isEqualTo(2048);
              assertThat(o.engine().transports()).containsExactly("websocket");
              assertThat(o.serveClient()).isFalse();
              assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
              assertThat(o.engine().cors().allows("https://b.example")).isTrue();
              assertThat(o.engine().cors().allows("https://c.example")).isFalse();
              assertThat(o.engine().cors().credentials()).isTrue();
              assertThat(o.connectionStateRecovery().maxDisconnectionDuration())
                  .isEqualTo(Duration.ofSeconds(90));
              assertThat(o.connectionStateRecovery().skipMiddlewares()).isFalse();
              assertThat(o.engine().perMessageDeflate()).isTrue();
              assertThat(o.engine().httpCompression()).isFalse();
              assertThat(o.engine().maxBufferedBytes()).isEqualTo(123456);
              assertThat(o.engine().maxTotalBufferedBytes()).isEqualTo(9999999);
              assertThat(o.engine().closeTimeoutMillis()).isEqualTo(4000);
              assertThat(o.engine().allowEIO3()).isTrue();
            });
  }

  @Test
  void aBadValueFailsTheStartWithSiosMessage() {
    runner
        .withPropertyValues("sio.cors.origins=*,https://a.example")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("'*' allows any origin"));
    runner
        .withPropertyValues("sio.max-http-buffer-size=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("maxHttpBufferSize"));
  }

  @Test
  void servletModeOutsideAServletApplicationSaysWhatIsMissing() {
    runner
        .withPropertyValues("sio.mode=servlet")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sio.mode=servlet needs a Servlet web application"));
  }

  @Test
  void disabledMeansNoBeans() {
    runner
        .withPropertyValues("sio.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(SocketIoServer.class)
                    .doesNotHaveBean(ServerOptions.class));
  }

  @Test
  void theApplicationsOwnServerWins() {
    runner
        .withUserConfiguration(OwnServer.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SocketIoServer.class);
              assertThat(context.getBean(SocketIoServer.class).options().path()).isEqualTo("/own/");
            });
  }

  @Test
  void theApplicationsObjectMapperAndAdapterFactoryAreUsed() {
    ApplicationContextRunner withJackson =
        runner
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withUserConfiguration(Adapter.class);
    withJackson.run(
        context -> {
          ServerOptions o = context.getBean(ServerOptions.class);
          assertThat(o.objectMapper()).isSameAs(context.getBean(ObjectMapper.class));
          assertThat(o.adapter()).isSameAs(context.getBean(AdapterFactory.class));
        });
    withJackson
        .withPropertyValues("sio.use-application-object-mapper=false")
        .run(
            context ->
                assertThat(context.getBean(ServerOptions.class).objectMapper())
                    .isNotSameAs(context.getBean(ObjectMapper.class)));
  }

  @Test
  void handlerBeansApplyInOrderAndServeARealClient() {
    runner
        .withUserConfiguration(Handlers.class)
        .run(
            context -> {
              SocketIoServer io = context.getBean(SocketIoServer.class);
              List<String> calls = context.getBean(Calls.class).list;
              assertThat(calls).containsExactly("configurer 1", "configurer 2");
              var socket =
                  SocketIoClient.connect(
                      URI.create("http://127.0.0.1:" + io.port()),
                      ClientOptions.builder().reconnection(false).build());
              try {
                List<JsonNode> reply = Await.of(socket.emitWithAck("echo", "hi"), TIMEOUT);
                assertThat(reply.get(0).asText()).isEqualTo("hi");
                assertThat(calls)
                    .containsExactly(
                        "configurer 1",
                        "configurer 2",
                        "middleware 1",
                        "middleware 2",
                        "handler 1",
                        "handler 2");
              } finally {
                socket.close();
              }
            });
  }

  @Test
  void closingTheContextAnswersAPendingPollAndDisconnectsTheClients() {
    CompletableFuture<String> pollingReason = new CompletableFuture<>();
    CompletableFuture<String> websocketReason = new CompletableFuture<>();
    runner
        .withPropertyValues("sio.ping-interval=30s")
        .run(
            context -> {
              SocketIoServer io = context.getBean(SocketIoServer.class);
              SioLifecycle lifecycle = context.getBean(SioLifecycle.class);
              var polling = connect(io, pollingReason, "polling");
              var websocket = connect(io, websocketReason, "websocket");
              try {
                long start = System.nanoTime();
                context.close();
                assertThat(lifecycle.isRunning()).isFalse();
                // The pending GET is answered at once: stop() does not wait for a heartbeat.
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
                // As Node's io.close(): no DISCONNECT packet, the transports close.
                assertThat(Await.of(pollingReason, TIMEOUT)).isEqualTo("transport close");
                assertThat(Await.of(websocketReason, TIMEOUT)).isEqualTo("transport close");
              } finally {
                polling.close();
                websocket.close();
              }
            });
  }

  private static dev.sio.client.Socket connect(
      SocketIoServer io, CompletableFuture<String> reason, String transport) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    var socket =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + io.port()),
            ClientOptions.builder().transports(transport).reconnection(false).build(),
            s -> {
              s.onConnect(() -> connected.complete(null));
              s.onDisconnect(reason::complete);
            });
    Await.of(connected, TIMEOUT);
    return socket;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnServer {
    @Bean(destroyMethod = "close")
    SocketIoServer ownServer() {
      return SocketIoServer.create(
          ServerOptions.builder().path("/own/").host("127.0.0.1").port(0).build());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Adapter {
    @Bean
    AdapterFactory adapterFactory() {
      return InMemoryAdapter::new;
    }
  }

  static final class Calls {
    final List<String> list = new CopyOnWriteArrayList<>();
  }

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    @Bean
    Calls calls() {
      return new Calls();
    }

    // Declared out of order: @Order decides.
    @Bean
    @Order(2)
    ConnectionMiddleware second(Calls calls) {
      return (socket, next) -> {
        calls.list.add("middleware 2");
        next.accept();
      };
    }

    @Bean
    @Order(1)
    ConnectionMiddleware first(Calls calls) {
      return (socket, next) -> {
        calls.list.add("middleware 1");
        next.accept();
      };
    }

    @Bean
    @Order(2)
    SioConnectionHandler handler2(Calls calls) {
      return socket -> calls.list.add("handler 2");
    }

    @Bean
    @Order(1)
    SioConnectionHandler handler1(Calls calls) {
      return socket -> {
        calls.list.add("handler 1");
        socket.on("echo", (args, ack) -> ack.send(args.toArray()));
      };
    }

    @Bean
    @Order(2)
    SocketIoConfigurer configurer2(Calls calls) {
      return io -> calls.list.add("configurer 2");
    }

    @Bean
    @Order(1)
    SocketIoConfigurer configurer1(Calls calls) {
      return io -> calls.list.add("configurer 1");
    }
  }
}
