package dev.sio.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.AllowRequest;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.spi.SessionExecutor;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session's {@link EngineSocket#executor()} is the {@link SessionExecutor} of the event loop that
 * serves its connection (the loop object itself, not a wrapper), and {@link
 * SessionExecutor#inExecutor()} is true on that loop's thread and nowhere else.
 */
@Timeout(30)
class SessionExecutorTest {
  private EngineTestServer server;
  // The thread allowRequest ran on (the connection's loop), by the request's tag (or "none").
  private final Map<String, Thread> checkedOn = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() throws Exception {
    try {
      server.handler.expectNothing(20);
    } finally {
      server.close();
    }
  }

  private void start() {
    server =
        new EngineTestServer(
            EngineOptions.builder()
                .allowRequest(
                    request -> {
                      String tag = request.queryParam("tag");
                      checkedOn.put(tag == null ? "none" : tag, Thread.currentThread());
                      return CompletableFuture.completedFuture(AllowRequest.Decision.accept());
                    })
                .build(),
            true);
  }

  private static SessionExecutor executorOf(EngineSocket socket) {
    assertThat(socket.executor()).isInstanceOf(SessionExecutor.class).isInstanceOf(EventLoop.class);
    assertThat(socket.executor()).as("the same object at every call").isSameAs(socket.executor());
    return (SessionExecutor) socket.executor();
  }

  /** {@code probe} run on {@code on}'s thread. */
  private static boolean on(SessionExecutor on, SessionExecutor probe) throws Exception {
    return on.submit(probe::inExecutor).get(5, TimeUnit.SECONDS);
  }

  @Test
  void aWebSocketSessionIsOwnedByItsConnectionsLoopAndOnlyThereInIt() throws Exception {
    start();
    List<EngineClients.Ws> clients = new ArrayList<>();
    List<RecordingHandler.Event> opened = new ArrayList<>();
    SessionExecutor first = null;
    SessionExecutor other = null;
    // two loops take connections in turn; a few connections find two sessions on different loops
    for (int i = 0; i < 6 && other == null; i++) {
      EngineClients.Ws ws =
          EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket&tag=ws" + i));
      assertThat(ws.nextText()).startsWith("0{");
      clients.add(ws);
      RecordingHandler.Event open = server.handler.next();
      assertThat(open.line()).isEqualTo("open");
      opened.add(open);
      SessionExecutor executor = executorOf(open.socket());
      Thread loopThread = threadOf(executor);
      assertThat(on(executor, executor)).as("inExecutor on its own thread").isTrue();
      assertThat(executor.inExecutor()).as("inExecutor on the test's thread").isFalse();
      assertThat(loopThread)
          .as("the connection's loop (allowRequest's thread) runs the session")
          .isSameAs(checkedOn.get("ws" + i))
          .isSameAs(open.thread());
      assertThat(loopThread.getName()).startsWith("sio-eventloop-");
      if (first == null) {
        first = executor;
      } else if (executor != first) {
        other = executor;
      }
    }
    assertThat(other).as("a session on the listener's other loop").isNotNull();
    assertThat(first.inExecutor()).as("on the test's thread").isFalse();
    assertThat(on(first, first)).isTrue();
    assertThat(on(other, first)).as("on another loop of the same listener").isFalse();
    assertThat(on(first, other)).isFalse();
    assertThat(on(other, other)).isTrue();
    EventLoop loop = (EventLoop) first;
    assertThat(first.submit((Callable<Boolean>) loop::inEventLoop).get(5, TimeUnit.SECONDS))
        .isTrue();
    assertThat(other.submit((Callable<Boolean>) loop::inEventLoop).get(5, TimeUnit.SECONDS))
        .isFalse();
    for (int i = 0; i < clients.size(); i++) {
      clients.get(i).abort();
      server.handler.expect(opened.get(i).socket().id(), "close transport close");
    }
  }

  @Test
  void anUpgradedSessionKeepsTheExecutorOfItsPollingHandshake() throws Exception {
    start();
    // The polling handshake's loop owns the session; the WebSocket arrives on whichever loop
    // accepts its connection and is moved onto the owner before its handshake.
    EngineClients.Polling p = new EngineClients.Polling(EngineClients.http(), server);
    RecordingHandler.Event open = server.handler.expect(p.sid, "open");
    SessionExecutor executor = executorOf(open.socket());
    Thread owner = threadOf(executor);
    assertThat(owner)
        .as("the handshake connection's loop (allowRequest's thread) runs the session")
        .isSameAs(checkedOn.get("none"))
        .isSameAs(open.thread());
    EngineClients.Ws ws =
        EngineClients.Ws.connect(server.wsUri("EIO=4&transport=websocket&sid=" + p.sid));
    ws.send("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.send("5");
    ws.send("4up");
    RecordingHandler.Event message = server.handler.expect(p.sid, "message up");
    assertThat(ws.nextText()).isEqualTo("4up");
    assertThat(message.socket().transport()).isEqualTo("websocket");
    assertThat(executorOf(message.socket())).as("after the upgrade").isSameAs(executor);
    assertThat(message.thread()).isSameAs(owner);
    assertThat(on(executor, executor)).isTrue();
    assertThat(executor.inExecutor()).isFalse();
    ws.abort();
    server.handler.expect(p.sid, "close transport close");
  }

  private static Thread threadOf(SessionExecutor executor) throws Exception {
    return executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
  }
}
