package dev.sio.bench.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One extra client that asks the fixture for its memory: {@code 42<id>["gc"]} is answered, after a
 * full GC, with {@code 43<id>[{"heapUsed":…,"rss":…}]}.
 */
public final class ControlClient implements WsClient.Listener, AutoCloseable {
  private static final Pattern HEAP = Pattern.compile("\"heapUsed\":(\\d+)");
  private static final Pattern RSS = Pattern.compile("\"rss\":(\\d+)");
  private static final Pattern DIRECT = Pattern.compile("\"direct\":(\\d+)");

  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private volatile CompletableFuture<String> pending; // driving thread sets, event loop completes
  private final WsClient client;
  private long nextId; // driving thread

  /**
   * The fixture's memory after a GC, in bytes; {@code direct} (off-heap buffers: Node's {@code
   * external}, the JVM's direct buffers) is -1 when the fixture does not say.
   */
  public record Memory(long heapUsed, long rss, long direct) {}

  /** Connects a control client (bounded: 15 s). */
  public ControlClient(LoadTransport transport) {
    this.client = WsClient.open(transport, this);
    try {
      connected.get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      client.close();
      throw new IllegalStateException("control client could not connect: " + e, e);
    }
  }

  /** Asks for a GC and the memory figures (bounded: 60 s). */
  public Memory gc() {
    CompletableFuture<String> answer = new CompletableFuture<>();
    pending = answer;
    long id = nextId++;
    client
        .channel()
        .eventLoop()
        .execute(
            () -> {
              client.write("42" + id + "[\"gc\"]");
              client.flush();
            });
    try {
      String text = answer.get(60, TimeUnit.SECONDS);
      Matcher direct = DIRECT.matcher(text);
      return new Memory(
          number(HEAP, text),
          number(RSS, text),
          direct.find() ? Long.parseLong(direct.group(1)) : -1);
    } catch (Exception e) {
      throw new IllegalStateException("no answer to gc: " + e, e);
    }
  }

  private static long number(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("gc answer without " + p + ": " + text);
    }
    return Long.parseLong(m.group(1));
  }

  @Override
  public void onConnected(WsClient c) {
    connected.complete(null);
  }

  @Override
  public void onAck(WsClient c, long id, ByteBuf frame, int argsIndex) {
    CompletableFuture<String> p = pending;
    if (p != null) {
      p.complete(
          frame.toString(argsIndex, frame.writerIndex() - argsIndex, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void onClosed(WsClient c, String reason) {
    connected.completeExceptionally(new IllegalStateException(reason));
    CompletableFuture<String> p = pending;
    if (p != null) {
      p.completeExceptionally(new IllegalStateException(reason));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
