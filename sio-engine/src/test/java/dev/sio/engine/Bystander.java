package dev.sio.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A well-behaved WebSocket client next to the hostile ones: it answers pings and sends a message
 * every 50 ms that the echoing server must return within 2 s. {@link #problems()} counts the late
 * or missing echoes and a closed connection; it must stay 0.
 */
final class Bystander implements WebSocket.Listener, AutoCloseable {
  private static final long ECHO_DEADLINE_MILLIS = 2000;

  private final BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
  private final AtomicInteger problems = new AtomicInteger();
  private final AtomicInteger echoed = new AtomicInteger();
  private final StringBuilder text = new StringBuilder();
  private final Thread loop;
  private volatile boolean running = true;
  private volatile boolean closed;
  private final WebSocket socket;

  Bystander(URI wsUri) throws Exception {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(wsUri, this)
            .get(10, TimeUnit.SECONDS);
    String open = echoes.poll(5, TimeUnit.SECONDS);
    if (open == null || !open.startsWith("0{")) {
      throw new IllegalStateException("no open packet: " + open);
    }
    loop = new Thread(this::run, "bystander");
    loop.setDaemon(true);
    loop.start();
  }

  private void run() {
    int n = 0;
    while (running && !closed) {
      String body = "b-" + n++;
      try {
        long deadline = System.nanoTime() + ECHO_DEADLINE_MILLIS * 1_000_000L;
        socket.sendText("4" + body, true).get(ECHO_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        boolean answered = false;
        while (!answered) {
          long left = deadline - System.nanoTime();
          String reply = left <= 0 ? null : echoes.poll(left, TimeUnit.NANOSECONDS);
          if (reply == null) {
            break;
          }
          if (reply.equals("2")) { // a ping: pong at once, as a client does
            socket.sendText("3", true).get(ECHO_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
          } else {
            answered = reply.equals("4" + body);
            if (!answered) {
              problems.incrementAndGet(); // out of order or unexpected
            }
          }
        }
        if (answered) {
          echoed.incrementAndGet();
        } else {
          problems.incrementAndGet();
        }
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        problems.incrementAndGet();
      }
    }
  }

  /** Late or missing echoes, plus one if the connection closed. */
  int problems() {
    return problems.get() + (closed ? 1 : 0);
  }

  /** Echoes received in time. */
  int echoed() {
    return echoed.get();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      String t = text.toString();
      text.setLength(0);
      echoes.add(t); // pings too: the loop answers them, one send at a time
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed = true;
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed = true;
  }

  /** Stops the loop (waits up to 5 s) and aborts the connection. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    loop.join(5000);
    socket.abort();
  }
}
