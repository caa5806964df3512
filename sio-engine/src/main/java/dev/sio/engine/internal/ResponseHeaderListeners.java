package dev.sio.engine.internal;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.HeadersListener;
import dev.sio.engine.HttpRequestInfo;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link EngineOptions#initialHeaders()} and {@link EngineOptions#headers()} listeners on
 * a response's headers, as Node emits {@code initial_headers} then {@code headers}.
 */
final class ResponseHeaderListeners {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseHeaderListeners.class);

  private ResponseHeaderListeners() {}

  /** Lets the listeners change {@code headers}; {@code initial} for a handshake's response. */
  static void apply(
      EngineOptions options, HttpRequestInfo info, HttpHeaders headers, boolean initial) {
    HeadersListener first = initial ? options.initialHeaders() : null;
    HeadersListener every = options.headers();
    if (first == null && every == null) {
      return;
    }
    Map<String, List<String>> view = new LinkedHashMap<>();
    for (String name : headers.names()) {
      view.put(name, new ArrayList<>(headers.getAll(name)));
    }
    try {
      if (first != null) {
        first.onHeaders(view, info);
      }
      if (every != null) {
        every.onHeaders(view, info);
      }
      HttpHeaders result = new DefaultHttpHeaders(); // validates names and values
      view.forEach(
          (name, values) -> {
            if (values != null) {
              for (String value : values) {
                result.add(name, checkedValue(name, value));
              }
            }
          });
      headers.clear();
      headers.add(result);
    } catch (RuntimeException e) {
      LOG.warn("a headers listener failed on {}; its changes are dropped", info.uri(), e);
    }
  }

  // Netty's encoder writes values as they are: a line break would let a listener inject headers.
  private static String checkedValue(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException("header " + name + " has a null value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(
            "header " + name + " has a control character at index " + i);
      }
    }
    return value;
  }
}
