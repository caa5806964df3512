package dev.sio.engine.netty.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.internal.CompactMultiMap;
import dev.sio.engine.internal.QueryStrings;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Builds {@link HttpRequestInfo} and {@link EngineHandshake} from Netty requests. */
public final class RequestInfos {
  private RequestInfos() {}

  /**
   * The request as seen by routes and the engine. Header names are lower-cased, and names and
   * values that repeat across requests are shared ({@link StringCache}), as are query keys and
   * values and the URI: a session keeps its handshake's request for its whole life.
   */
  public static HttpRequestInfo of(HttpRequest request, Channel channel, boolean secure) {
    HttpHeaders h = request.headers();
    CompactMultiMap.Builder headers = new CompactMultiMap.Builder(h.size());
    Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> e = it.next();
      String name = StringCache.lowerName(e.getKey());
      CharSequence v = e.getValue();
      // a key is unique to its connection: it would only push shared values out of the cache
      headers.add(name, name.equals("sec-websocket-key") ? v.toString() : StringCache.value(v));
    }
    String uri = StringCache.value(request.uri());
    QueryStringDecoder decoder = new QueryStringDecoder(uri); // the path only
    Map<String, List<String>> query;
    try {
      query = compact(QueryStrings.decode(rawQuery(uri)));
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
        uri,
        StringCache.value(path),
        headers.build(),
        query,
        remote instanceof InetSocketAddress inet ? inet : null,
        secure);
  }

  /**
   * The query of {@code uri}: what follows its first {@code ?}, or null when there is none or a
   * {@code #} comes first (the path ends at the first of them, as {@link QueryStringDecoder}
   * reads).
   */
  public static String rawQuery(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '?') {
        return uri.substring(i + 1);
      }
      if (c == '#') {
        return null;
      }
    }
    return null;
  }

  private static Map<String, List<String>> compact(Map<String, List<String>> parameters) {
    if (parameters.isEmpty()) {
      return CompactMultiMap.EMPTY;
    }
    CompactMultiMap.Builder b = new CompactMultiMap.Builder(parameters.size());
    for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
      String key = StringCache.value(e.getKey());
      for (String v : e.getValue()) {
        b.add(key, StringCache.value(v));
      }
    }
    return b.build();
  }
}
