package dev.sio.engine.internal;

import dev.sio.engine.EngineHandshake;
import dev.sio.engine.HttpRequestInfo;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@link HttpRequestInfo} and {@link EngineHandshake} from Netty requests. */
public final class RequestInfos {
  private RequestInfos() {}

  /** The request as seen by routes and the engine. */
  public static HttpRequestInfo of(HttpRequest request, Channel channel, boolean secure) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : request.headers()) {
      headers
          .computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(e.getValue());
    }
    QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
    Map<String, List<String>> query;
    try {
      query = decoder.parameters();
    } catch (IllegalArgumentException e) { // malformed percent-encoding
      query = Map.of();
    }
    String path;
    try {
      path = decoder.path();
    } catch (IllegalArgumentException e) {
      path = decoder.rawPath();
    }
    SocketAddress remote = channel.remoteAddress();
    return new HttpRequestInfo(
        request.method().name(),
        request.uri(),
        path,
        Collections.unmodifiableMap(headers),
        Collections.unmodifiableMap(query),
        remote instanceof InetSocketAddress inet ? inet : null,
        secure);
  }

  /** The handshake the layers above see. */
  public static EngineHandshake handshake(HttpRequestInfo info) {
    return new EngineHandshake(
        info.uri(),
        info.headers(),
        info.query(),
        info.remoteAddress(),
        info.secure(),
        Instant.now());
  }
}
