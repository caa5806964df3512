package dev.sio.client.internal;

import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EnginePacketType;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP long-polling: one GET in flight at a time reads payloads, POSTs write them (one at a time;
 * the owner waits for {@code onDrain}). Behaves like the Node.js client's {@code Polling}
 * transport. Event thread only.
 */
final class PollingTransport extends Transport {
  private final HttpRequester http;
  private boolean polling; // event thread: a GET is in flight
  private Runnable onPollComplete; // event thread: pause waiting for the GET
  private Runnable onWriteDone; // event thread: pause waiting for the POST

  PollingTransport(TransportContext context, String sid) {
    super(context, sid);
    this.http = new HttpRequester(context);
  }

  @Override
  String name() {
    return "polling";
  }

  @Override
  protected void doOpen() {
    poll();
  }

  @Override
  void pause(Runnable onPause) {
    state = State.PAUSING;
    int[] total = {0};
    Runnable done =
        () -> {
          if (--total[0] == 0) {
            state = State.PAUSED;
            http.close();
            onPause.run();
          }
        };
    if (polling) {
      total[0]++;
      onPollComplete = done;
    }
    if (!writable) {
      total[0]++;
      onWriteDone = done;
    }
    if (total[0] == 0) {
      state = State.PAUSED;
      http.close();
      onPause.run();
    }
  }

  private void poll() {
    polling = true;
    http.send(
        HttpMethod.GET,
        uri(),
        null,
        (response, failure) -> {
          if (state == State.CLOSED) {
            return;
          }
          if (failure != null) {
            onError("xhr poll error", failure);
          } else if (response.status().code() != 200) {
            onError(
                "xhr poll error",
                new TransportException("HTTP status " + response.status().code(), null));
          } else {
            onData(response);
          }
        });
  }

  private void onData(FullHttpResponse response) {
    try {
      context
          .framing()
          .decodePayload(
              response.headers().get(HttpHeaderNames.CONTENT_TYPE),
              response.content(),
              packet -> {
                if (state == State.OPENING && packet.type() == EnginePacketType.OPEN) {
                  onOpen();
                }
                if (packet.type() == EnginePacketType.CLOSE) {
                  onClose("transport closed by the server");
                  return false;
                }
                onPacket(packet);
                return state != State.CLOSED;
              });
    } catch (ProtocolException e) {
      onError("xhr poll error", e);
      return;
    }
    if (state != State.CLOSED) {
      polling = false;
      Runnable waiter = onPollComplete;
      onPollComplete = null;
      if (waiter != null) {
        waiter.run();
      }
      if (state == State.OPEN) {
        poll();
      }
    }
  }

  @Override
  protected void write(List<EnginePacket> packets) {
    writable = false;
    http.send(
        HttpMethod.POST,
        uri(),
        context.framing().encodePayload(packets),
        (response, failure) -> {
          if (state == State.CLOSED) {
            return;
          }
          if (failure != null) {
            onError("xhr post error", failure);
          } else if (response.status().code() != 200) {
            onError(
                "xhr post error",
                new TransportException("HTTP status " + response.status().code(), null));
          } else {
            writable = true;
            Runnable waiter = onWriteDone;
            onWriteDone = null;
            if (waiter != null) {
              waiter.run();
            }
            listener.onDrain();
          }
        });
  }

  @Override
  protected void doClose() {
    if (state == State.OPEN) {
      // the close packet is sent; connections close once answered (the GET ends with the session)
      write(List.of(EnginePacket.CLOSE));
      http.close();
    } else {
      http.abort();
    }
  }

  /** Drops the transport after an upgrade: its connections are no longer needed. */
  void discard() {
    state = State.CLOSED;
    http.close();
  }

  private String uri() {
    if (context.options().timestampRequests()) {
      query.put(context.options().timestampParam(), timestamp());
    }
    return context.pathAndQuery(query);
  }

  private static String timestamp() {
    // like the Node.js client's yeast-like random string: short, URL-safe, unique enough
    return Long.toString(System.currentTimeMillis(), 36)
        + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  }
}
