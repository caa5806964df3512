package dev.sio.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio.server.AdapterFactory;
import dev.sio.server.ConnectionMiddleware;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import dev.sio.spring.boot.internal.ServerOptionsMapper;
import dev.sio.spring.boot.internal.ServletHostHolder;
import dev.sio.spring.boot.internal.SioModes;
import dev.sio.spring.boot.internal.SioServletInitializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures a {@link SocketIoServer} bean from the {@code sio.*} properties ({@link
 * SioProperties}) and the application's beans, applied in {@code @Order}:
 *
 * <ol>
 *   <li>the options: the properties, then an {@link AdapterFactory} bean, the application's Jackson
 *       {@link ObjectMapper} (unless {@code sio.use-application-object-mapper=false}), then every
 *       {@link SioOptionsCustomizer};
 *   <li>the server: every {@link ConnectionMiddleware} bean ({@code io.use}), every {@link
 *       SioConnectionHandler} ({@code io.onConnection}), then every {@link SocketIoConfigurer}.
 * </ol>
 *
 * <p>In a Servlet web application with sio-servlet present ({@code sio.mode=auto} or {@code
 * servlet}), the server is installed in the embedded Tomcat or Jetty and answers on its port under
 * {@code server.servlet.context-path} + {@code sio.path}. {@code sio.mode=netty} serves on Sio's
 * own Netty listener ({@code sio.host}, {@code sio.port}) instead. {@link SioLifecycle} starts an
 * own listener with the context and closes the server first at shutdown. Every bean here backs off
 * when the application defines its own.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration")
@ConditionalOnClass(SocketIoServer.class)
@ConditionalOnProperty(
    prefix = "sio",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(SioProperties.class)
public class SioAutoConfiguration {
  /** Creates the auto-configuration (Spring calls it). */
  public SioAutoConfiguration() {}

  /**
   * {@return the server options of the properties and the beans}
   *
   * @param properties the {@code sio.*} properties
   * @param context the application context (its web server type decides the mode)
   * @param mappers the application's Jackson mapper, if any
   * @param adapters an adapter factory bean, if any
   * @param customizers the option customizers, in order
   */
  @Bean
  @ConditionalOnMissingBean
  public ServerOptions sioServerOptions(
      SioProperties properties,
      ApplicationContext context,
      ObjectProvider<ObjectMapper> mappers,
      ObjectProvider<AdapterFactory> adapters,
      ObjectProvider<SioOptionsCustomizer> customizers) {
    SioProperties.Mode mode = SioModes.resolve(properties.getMode(), context);
    String contextPath =
        mode == SioProperties.Mode.SERVLET
            ? context.getEnvironment().getProperty("server.servlet.context-path", "")
            : "";
    ServerOptions.Builder b =
        ServerOptionsMapper.apply(properties, contextPath, ServerOptions.builder());
    adapters.ifUnique(b::adapter);
    if (properties.isUseApplicationObjectMapper()) {
      mappers.ifUnique(b::objectMapper);
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /**
   * {@return the server, with the middleware, handler and configurer beans applied}
   *
   * @param options the options
   * @param properties the {@code sio.*} properties
   * @param context the application context
   * @param middlewares connection middlewares, in order
   * @param handlers connection handlers, in order
   * @param configurers configurers, in order
   * @param servletHost the Servlet host (servlet mode)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SocketIoServer socketIoServer(
      ServerOptions options,
      SioProperties properties,
      ApplicationContext context,
      ObjectProvider<ConnectionMiddleware> middlewares,
      ObjectProvider<SioConnectionHandler> handlers,
      ObjectProvider<SocketIoConfigurer> configurers,
      ObjectProvider<ServletHostHolder> servletHost) {
    SocketIoServer io =
        SioModes.create(
            SioModes.resolve(properties.getMode(), context), options, servletHost.getIfAvailable());
    middlewares.orderedStream().forEach(io::use);
    handlers.orderedStream().forEach(h -> io.onConnection(h::onConnection));
    configurers.orderedStream().forEach(c -> c.configure(io));
    return io;
  }

  /**
   * {@return the lifecycle that starts the server with the context and stops it before the web
   * server}
   *
   * @param io the server
   * @param properties the {@code sio.*} properties
   * @param context the application context
   * @param servletHost the Servlet host (servlet mode)
   */
  @Bean
  @ConditionalOnMissingBean
  public SioLifecycle sioLifecycle(
      SocketIoServer io,
      SioProperties properties,
      ApplicationContext context,
      ObjectProvider<ServletHostHolder> servletHost) {
    boolean netty = SioModes.resolve(properties.getMode(), context) == SioProperties.Mode.NETTY;
    ServletHostHolder holder = servletHost.getIfAvailable();
    return new SioLifecycle(io, netty, holder == null ? () -> {} : holder::close);
  }

  /** The Servlet binding: installed in the embedded container as it starts. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(
      name = {"dev.sio.servlet.ServletEngineHost", "jakarta.websocket.server.ServerContainer"})
  static class ServletHostConfiguration {
    @Bean(destroyMethod = "close")
    ServletHostHolder sioServletHostHolder() {
      return new ServletHostHolder();
    }

    @Bean
    SioServletInitializer sioServletInitializer(
        SioProperties properties, ApplicationContext context, ServletHostHolder holder) {
      return new SioServletInitializer(properties, context, holder);
    }
  }
}
