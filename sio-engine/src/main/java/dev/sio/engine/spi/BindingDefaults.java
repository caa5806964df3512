package dev.sio.engine.spi;

/**
 * Defaults that depend on the binding, for options left unset. A binding registers one
 * implementation as a {@link java.util.ServiceLoader} provider ({@code
 * META-INF/services/dev.sio.engine.spi.BindingDefaults}); {@link
 * dev.sio.engine.EngineOptions#maxTotalBufferedBytes()} reports the first one found. A binding
 * applies its own default to the endpoints it serves, whatever is found here.
 */
public interface BindingDefaults {
  /**
   * {@return the bytes all sessions of one endpoint may queue together when {@code
   * maxTotalBufferedBytes} is unset, before it is raised to at least {@code maxBufferedBytes}}
   * (Netty: half of its maximum direct memory.)
   */
  long maxTotalBufferedBytes();
}
