package dev.sio.engine.internal;

import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.engine.spi.SessionExecutor;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link PollExchange} that is not Netty's, for the session-core tests: it records its answers
 * and whether its body was released; its abort hook can be run by the test as a binding would.
 */
final class TestExchange implements PollExchange {
  /** One answer as the exchange received it. */
  record Answer(int status, Map<String, String> headers, String body, boolean close) {}

  final HttpRequestInfo request;
  private final SessionExecutor executor;
  private RequestBody body;
  final AtomicBoolean released = new AtomicBoolean();
  volatile Runnable onAbort;
  final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

  TestExchange(SessionExecutor executor, String method, String query, byte[] body) {
    this.executor = executor;
    this.request = request(method, query);
    if (body != null) {
      RequestBody b = RequestBody.of(body);
      this.body =
          new RequestBody() {
            @Override
            public int length() {
              return b.length();
            }

            @Override
            public byte byteAt(int index) {
              return b.byteAt(index);
            }

            @Override
            public int indexOf(int from, int to, byte value) {
              return b.indexOf(from, to, value);
            }

            @Override
            public String toString(int from, int length, Charset cs) {
              return b.toString(from, length, cs);
            }

            @Override
            public void release() {
              released.set(true);
            }
          };
    }
  }

  /** A request for {@code /engine.io/?query} from origin {@code https://a.example}. */
  static HttpRequestInfo request(String method, String query) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), List.of(pair.substring(eq + 1)));
    }
    return new HttpRequestInfo(
        method,
        "/engine.io/?" + query,
        "/engine.io/",
        Map.of("origin", List.of("https://a.example")),
        q,
        null,
        false);
  }

  /** The headers as a map, in their order. */
  static Map<String, String> flat(ResponseHeaders headers) {
    Map<String, String> m = new LinkedHashMap<>();
    headers.forEach(m::put);
    return m;
  }

  /** The sid of an open packet's answer. */
  static String sidOf(Answer open) {
    int at = open.body().indexOf("\"sid\":\"") + 7;
    return open.body().substring(at, open.body().indexOf('"', at));
  }

  @Override
  public HttpRequestInfo request() {
    return request;
  }

  @Override
  public RequestBody takeBody() {
    RequestBody b = body;
    body = null;
    return b;
  }

  @Override
  public SessionExecutor executor() {
    return executor;
  }

  @Override
  public void onAbort(Runnable onAbort) {
    this.onAbort = onAbort;
  }

  @Override
  public boolean respond(int status, ResponseHeaders headers, CharSequence text, boolean close) {
    return answers.add(
        new Answer(status, flat(headers), text == null ? "" : text.toString(), close));
  }

  @Override
  public boolean respond(int status, ResponseHeaders headers, byte[] body, boolean close) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return answers.add(new Answer(status, flat(headers), text, close));
  }

  /** The next answer, or null after 5 s. */
  Answer answer() throws InterruptedException {
    return answers.poll(5, TimeUnit.SECONDS);
  }
}
