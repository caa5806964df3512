package dev.sio.engine.netty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved Engine.IO WebSocket client for hardening tests: it answers pings and sends a
 * message every 50 ms that the echo server must send back within {@link #LATE_MILLIS}; a late or
 * missing echo, or a close, is a problem that {@link #problems()} reports.
 */
final class EchoBystander implements WebSocket.Listener, AutoCloseable {
  /** An echo slower than this is late (generous: the machine is shared). */
  static final long LATE_MILLIS = 2_000;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ConcurrentHashMap<Integer, Long> pending = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final StringBuilder text = new StringBuilder(); // the WebSocket's thread
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private volatile boolean closing;
  private volatile int echoes;
  private WebSocket socket;
  private CompletableFuture<?> lastSend =
      CompletableFuture.completedFuture(null); // guarded by this
  private int next; // timer thread

  static EchoBystander connect(URI wsUri) throws Exception {
    EchoBystander b = new EchoBystander();
    b.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(wsUri, b)
            .get(10, TimeUnit.SECONDS);
    b.opened.get(10, TimeUnit.SECONDS);
    b.timer.scheduleAtFixedRate(b::tick, 50, 50, TimeUnit.MILLISECONDS);
    return b;
  }

  private void tick() {
    long now = System.nanoTime();
    for (var e : pending.entrySet()) {
      if (now - e.getValue() > TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS)
          && pending.remove(e.getKey()) != null) {
        problems.add("echo " + e.getKey() + " late or lost");
      }
    }
    int n = next++;
    pending.put(n, now);
    send("4e" + n);
  }

  /** JDK WebSockets take one send at a time: each waits for the one before. */
  private synchronized void send(String text) {
    lastSend = lastSend.handle((r, t) -> null).thenCompose(x -> socket.sendText(text, true));
  }

  /** What went wrong so far (empty when all is well). */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Echoes received so far. */
  int echoes() {
    return echoes;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (!last) {
      return null;
    }
    String m = text.toString();
    text.setLength(0);
    if (m.startsWith("0")) {
      opened.complete(null);
    } else if (m.equals("2")) {
      send("3");
    } else if (m.startsWith("4e")) {
      Integer n = Integer.valueOf(m.substring(2));
      Long sent = pending.remove(n);
      if (sent != null && System.nanoTime() - sent > TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS)) {
        problems.add("echo " + n + " late");
      }
      echoes++;
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (!closing) {
      problems.add("closed by the server: " + statusCode + " " + reason);
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    if (!closing) {
      problems.add("error: " + error);
    }
  }

  @Override
  public void close() {
    closing = true;
    timer.shutdownNow();
    socket.abort();
  }
}
