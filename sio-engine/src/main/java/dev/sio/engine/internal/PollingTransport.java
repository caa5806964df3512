package dev.sio.engine.internal;

import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.spi.PollExchange;
import dev.sio.engine.spi.RequestBody;
import dev.sio.engine.spi.ResponseHeaders;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketCodec;
import dev.sio.protocol.engineio.EnginePacketType;
import dev.sio.protocol.engineio.PollingPayloadCodec;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP long-polling (Node's {@code Polling}): a pending GET receives queued packets as one payload;
 * each POST carries a payload from the client. Runs on the session's event loop.
 */
public final class PollingTransport extends EngineTransport {
  private static final RequestBody NO_BODY = RequestBody.of(new byte[0]); // a POST without one

  /**
   * How long a client's close packet waits for a GET when none is pending. A client that sends a
   * GET and then a POST with {@code 1} expects the GET's noop (the official suite's "forcefully
   * closes the session"); Node's one event loop reads them in that order, but a Servlet container
   * can hand the POST on a new connection to Sio before the GET on a kept-alive one. Past the wait
   * the session closes as it would have at once.
   */
  static final long CLIENT_CLOSE_WAITS_FOR_GET_MILLIS = 50;

  private final EngineEndpoint endpoint;
  private volatile PollExchange pendingGet; // written on the session loop, read by any thread
  private Runnable shouldClose; // session loop: an orderly close waiting for the next GET
  private ScheduledFuture<?> closeTimeout; // session loop
  private long closeWaitMillis = -1; // session loop: a shorter wait for the next GET, or -1
  private ScheduledFuture<?> heldClientClose; // session loop: the client's close, awaiting a GET
  private String jsonpHead; // set once at the handshake: Engine.IO v3 JSONP ("___eio[N]("), or null

  PollingTransport(EngineSession session, EngineEndpoint endpoint) {
    super(session);
    this.endpoint = endpoint;
  }

  /** Engine.IO v3 only: JSONP when the handshake has {@code j}, as Node's polling constructor. */
  @Override
  void configure(HttpRequestInfo info) {
    super.configure(info);
    String j = info.queryParam("j");
    if (session.isV3() && j != null) {
      jsonpHead = PollingV3Payloads.jsonpHead(j);
      supportsBinary = false;
    }
  }

  @Override
  public String name() {
    return EngineOptions.POLLING;
  }

  @Override
  public boolean writable() {
    return pendingGet != null;
  }

  /** A GET is pending: a send now answers it at once. */
  @Override
  public boolean idle() {
    return pendingGet != null;
  }

  /** A request for this transport (GET: poll; POST: data; else 500). */
  void onRequest(PollExchange ex) {
    switch (ex.request().method()) {
      case "GET" -> onPoll(ex);
      case "POST" -> onData(ex);
      default -> {
        EngineSession.releaseBody(ex);
        Responses.answer(ex, Responses.empty(500));
      }
    }
  }

  private void onPoll(PollExchange ex) {
    if (pendingGet != null) {
      onError("overlap from client");
      Responses.answer(ex, endpoint.withCors(ex.request(), Responses.empty(400)));
      return;
    }
    pendingGet = ex;
    ex.onAbort(() -> session.execute(() -> onPollAborted(ex)));
    Listener l = listener;
    if (l != null) {
      l.onReady();
    }
    if (heldClientClose != null) {
      onClientClose(); // the GET the client sent before its close: it gets the noop, as in Node
      return;
    }
    if (pendingGet == ex && shouldClose != null) {
      send(List.of(EnginePacket.NOOP));
    }
  }

  private void onPollAborted(PollExchange ex) {
    if (pendingGet == ex) {
      pendingGet = null;
      onError("poll connection closed prematurely");
    }
  }

  private void onData(PollExchange ex) {
    if (heldClientClose != null) {
      onClientClose(); // nothing after the client's close counts, as in Node
    }
    request = ex.request();
    RequestBody body = ex.takeBody();
    try {
      boolean octetStream = "application/octet-stream".equals(ex.request().header("content-type"));
      if (octetStream && !session.isV3()) {
        onError("invalid content");
        Responses.answer(ex, endpoint.withCors(ex.request(), Responses.empty(400)));
        return;
      }
      RequestBody content = body == null ? NO_BODY : body;
      PollingPayloadCodec.PacketConsumer consumer =
          packet -> {
            if (state == State.CLOSED) {
              return false;
            }
            if (packet.type() == EnginePacketType.CLOSE) {
              if (writable() || heldClientClose != null) {
                onClientClose();
              } else {
                heldClientClose = // a GET sent before it may still come (the constant's note)
                    session.schedule(
                        this::onClientClose,
                        CLIENT_CLOSE_WAITS_FOR_GET_MILLIS,
                        TimeUnit.MILLISECONDS);
              }
              return false;
            }
            onPacket(packet);
            return true;
          };
      try {
        if (session.isV3()) {
          PollingV3Payloads.decode(content, octetStream, jsonpHead != null, consumer);
        } else {
          PollingPayloadDecoder.decode(content, consumer);
        }
      } catch (ProtocolException e) {
        Responses.answer(ex, endpoint.withCors(ex.request(), Responses.empty(400)));
        Listener l = listener;
        if (l != null) {
          l.onParseError(e.getMessage());
        }
        return;
      }
      Responses.answer(
          ex, endpoint.pollingHeaders(ex.request(), Responses.text(200, "text/html", "ok"), null));
    } finally {
      if (body != null) {
        body.release();
      }
    }
  }

  /** The client's close packet: answer a pending GET with noop, then close. */
  private void onClientClose() {
    if (heldClientClose != null) {
      heldClientClose.cancel(false);
      heldClientClose = null;
    }
    if (state == State.CLOSED) {
      return;
    }
    if (writable()) {
      send(List.of(EnginePacket.NOOP));
    }
    onClosed();
  }

  @Override
  public void send(List<Object> items) {
    PollExchange ex = pendingGet;
    if (ex == null) {
      return;
    }
    pendingGet = null;
    boolean appendClose = false;
    if (shouldClose != null) {
      appendClose = true;
    }
    if (session.isV3()) {
      sendV3(ex, items, appendClose);
      return;
    }
    StringBuilder payload = new StringBuilder();
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        payload.append(PollingPayloadCodec.SEPARATOR);
      }
      first = false;
      if (item instanceof EngineMessage m) {
        payload.append(PollingForms.of(m).pollingText());
      } else {
        EnginePacketCodec.appendText((EnginePacket) item, payload);
      }
    }
    if (appendClose) {
      if (!first) {
        payload.append(PollingPayloadCodec.SEPARATOR);
      }
      payload.append(EnginePacketType.CLOSE.code());
    }
    Responses.answer(ex, payloadResponse(ex, payload, null, null));
    if (appendClose) {
      Runnable r = shouldClose;
      shouldClose = null;
      r.run();
    }
  }

  /** Engine.IO v3: the binary payload when the client supports it and one item is binary. */
  private void sendV3(PollExchange ex, List<Object> items, boolean appendClose) {
    HttpAnswer r;
    if (supportsBinary && PollingV3Payloads.hasBinary(items)) {
      byte[] body = PollingV3Payloads.binary(items, appendClose);
      r = payloadResponse(ex, null, body, "application/octet-stream");
    } else {
      String payload = PollingV3Payloads.text(items, appendClose, jsonpHead);
      r = payloadResponse(ex, payload, null, null);
    }
    Responses.answer(ex, r);
    if (appendClose) {
      Runnable run = shouldClose;
      shouldClose = null;
      run.run();
    }
  }

  /**
   * A GET's 200 with {@code text} (UTF-8) or {@code bytes} of {@code contentType} (null:
   * text/plain), compressed when at least {@code httpCompressionThreshold} bytes and the client
   * accepts it.
   */
  private HttpAnswer payloadResponse(
      PollExchange ex, CharSequence text, byte[] bytes, String contentType) {
    HttpRequestInfo info = ex.request();
    EngineOptions options = endpoint.options();
    String encoding = null;
    if (options.httpCompression()
        && atLeast(text, bytes, options.httpCompressionThreshold())
        && (encoding = Responses.negotiateEncoding(info)) != null) {
      bytes = Responses.compress(bytes != null ? bytes : Utf8.encode(text), encoding);
      text = null;
    }
    ResponseHeaders h = new ResponseHeaders();
    h.set("Content-Type", contentType == null ? "text/plain; charset=UTF-8" : contentType);
    if (encoding != null) {
      h.set("Content-Encoding", encoding);
    }
    HttpAnswer r = new HttpAnswer(200, h, text, bytes);
    return endpoint.pollingHeaders(info, r, info.queryParam("sid") == null ? session.id() : null);
  }

  /** True when the body's encoded size is at least {@code threshold} bytes. */
  private static boolean atLeast(CharSequence text, byte[] bytes, int threshold) {
    if (bytes != null) {
      return bytes.length >= threshold;
    }
    int chars = text.length(); // UTF-8 takes from 1 to 3 bytes per char
    return chars >= threshold || (chars * 3L >= threshold && Utf8.length(text) >= threshold);
  }

  /** The close that comes next waits at most {@code millis} for a GET (a shutdown's close). */
  void closeWait(long millis) {
    closeWaitMillis = millis;
  }

  @Override
  protected void doClose(Runnable onClosed) {
    if (writable()) {
      send(List.of(EnginePacket.CLOSE));
      onClosed.run();
      onClosed();
    } else if (discarded) {
      onClosed.run();
      onClosed();
    } else {
      shouldClose =
          () -> {
            if (closeTimeout != null) {
              closeTimeout.cancel(false);
            }
            onClosed.run();
            onClosed();
          };
      closeTimeout =
          session.schedule(
              () -> {
                Runnable r = shouldClose;
                shouldClose = null;
                if (r != null) {
                  r.run();
                }
              },
              closeWaitMillis >= 0
                  ? closeWaitMillis
                  : session.options().closeTimeoutMillis(), // Node: 30 s
              TimeUnit.MILLISECONDS);
    }
  }
}
