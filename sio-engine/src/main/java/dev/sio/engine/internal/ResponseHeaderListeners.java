package dev.sio.engine.internal;

import dev.sio.engine.EngineOptions;
import dev.sio.engine.HeadersListener;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.ResponseHeaders;
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

  /**
   * Lets the listeners change {@code headers}; {@code initial} for a handshake's response. What
   * they leave is checked as {@link ResponseHeaders} checks every header (a line break would let a
   * listener inject headers); if a name or a value is not allowed, or a listener throws, their
   * changes are dropped and {@code headers} stay as they were.
   */
  static void apply(
      EngineOptions options, HttpRequestInfo info, ResponseHeaders headers, boolean initial) {
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
      ResponseHeaders result = new ResponseHeaders(); // validates names and values
      view.forEach(
          (name, values) -> {
            if (values != null) {
              for (String value : values) {
                result.add(name, value);
              }
            }
          });
      headers.clear();
      result.forEach(headers::add);
    } catch (RuntimeException e) {
      LOG.warn("a headers listener failed on {}; its changes are dropped", info.uri(), e);
    }
  }
}
