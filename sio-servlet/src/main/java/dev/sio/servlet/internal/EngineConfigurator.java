package dev.sio.servlet.internal;

import dev.sio.engine.spi.UpgradeVerdict;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configurator of one accepted upgrade: puts the verdict's headers (CORS, the sid cookie, the
 * header listeners') on the {@code 101}, negotiates permessage-deflate only when the endpoint
 * allows it (Node's default is off), accepts any origin (CORS is the core's), and hands out the
 * upgrade's one {@link SioEndpoint}. Runs on the container thread doing the upgrade.
 */
final class EngineConfigurator extends ServerEndpointConfig.Configurator {
  static final String DEFLATE = "permessage-deflate";

  private final UpgradeVerdict verdict;
  private final SioEndpoint endpoint;

  EngineConfigurator(UpgradeVerdict verdict, SioEndpoint endpoint) {
    this.verdict = verdict;
    this.endpoint = endpoint;
  }

  /** Adds to the container's map, never replaces it (Jetty's holds {@code Date} already: S0). */
  @Override
  public void modifyHandshake(
      ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = response.getHeaders();
    verdict
        .headers()
        .forEach(
            (name, value) -> {
              List<String> values = headers.get(name);
              List<String> next = values == null ? new ArrayList<>(1) : new ArrayList<>(values);
              next.add(value);
              headers.put(name, next);
            });
  }

  /**
   * The client's first permessage-deflate offer when the endpoint allows it and the container has
   * it (matched by name: Jetty installs more extensions than that one: S0 (d)), else none.
   */
  @Override
  public List<Extension> getNegotiatedExtensions(
      List<Extension> installed, List<Extension> requested) {
    if (!verdict.deflate()) {
      return List.of();
    }
    boolean available = false;
    for (Extension e : installed) {
      available |= DEFLATE.equals(e.getName());
    }
    if (!available) {
      return List.of();
    }
    for (Extension e : requested) {
      if (DEFLATE.equals(e.getName())) {
        return List.of(e);
      }
    }
    return List.of();
  }

  @Override
  public boolean checkOrigin(String originHeaderValue) {
    return true;
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(endpoint);
  }
}
