package dev.sio.engine.internal;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EngineHandler} for the session-core tests: it records {@code open SID}, {@code message
 * TEXT} and {@code close REASON}, in order.
 */
class TestHandler implements EngineHandler {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @Override
  public void onOpen(EngineSocket socket) {
    events.add("open " + socket.id());
  }

  @Override
  public void onMessage(EngineSocket socket, String text) {
    events.add("message " + text);
  }

  @Override
  public void onClose(EngineSocket socket, String reason, String description) {
    events.add("close " + reason);
  }

  /** The next event, or null after {@code millis}. */
  String next(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }
}
