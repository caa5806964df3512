package dev.sio.spring.boot;

import dev.sio.server.ServerOptions;

/**
 * A bean that sets {@link ServerOptions} the {@code sio.*} properties do not cover (a parser,
 * {@code allowRequest}, header listeners). Applied in {@code @Order}, after the properties.
 *
 * <pre>{@code
 * @Bean
 * SioOptionsCustomizer msgpack() {
 *   return options -> options.parser(new MsgpackParser());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SioOptionsCustomizer {
  /**
   * Customizes the options.
   *
   * @param options the builder, with the properties applied
   */
  void customize(ServerOptions.Builder options);
}
