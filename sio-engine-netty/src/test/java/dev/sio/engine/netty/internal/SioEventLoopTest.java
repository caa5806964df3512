package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.spi.SessionExecutor;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener's loops as session executors, and the connection-to-executor lookup. */
@Timeout(10)
class SioEventLoopTest {
  private final SioEventLoopGroup group =
      new SioEventLoopGroup(
          2, new DefaultThreadFactory("sio-loop-test", true), NioIoHandler.newFactory());

  @AfterEach
  void tearDown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private List<SioEventLoop> loops() {
    List<SioEventLoop> loops = new ArrayList<>();
    group.forEach(
        e -> {
          assertThat(e).isInstanceOf(SioEventLoop.class);
          loops.add((SioEventLoop) e);
        });
    return loops;
  }

  private static <T> T on(SessionExecutor executor, Callable<T> task) throws Exception {
    return executor.submit(task).get(5, TimeUnit.SECONDS);
  }

  @Test
  void everyLoopOfTheGroupIsASessionExecutorThatKnowsItsThread() throws Exception {
    List<SioEventLoop> loops = loops();
    assertThat(loops).hasSize(2);
    assertThat(group.next()).isInstanceOf(SioEventLoop.class);
    SioEventLoop a = loops.get(0);
    SioEventLoop b = loops.get(1);
    assertThat(a.inExecutor()).isFalse();
    assertThat(on(a, a::inExecutor)).isTrue();
    assertThat(on(b, a::inExecutor)).isFalse();
    assertThat(on(b, b::inExecutor)).isTrue();
    assertThat(on(a, () -> a.inEventLoop() == a.inExecutor())).isTrue();
  }

  @Test
  void theLoopKeepsTheEngineStateAndMakesMpscInboxesOnItsTicker() throws Exception {
    SioEventLoop loop = loops().get(0);
    Object state = new Object();
    assertThat((Object) on(loop, loop::engineState)).isNull();
    on(
        loop,
        () -> {
          loop.engineState(state);
          return null;
        });
    assertThat((Object) on(loop, loop::engineState)).isSameAs(state);
    assertThat(loops().get(1).engineState()).as("one state per loop").isNull();
    Queue<Object> inbox = loop.newInbox();
    assertThat(inbox.getClass().getName()).contains("Mpsc");
    assertThat(inbox).isNotSameAs(loop.newInbox());
    long before = loop.ticker().nanoTime();
    long now = loop.monotonicNanos();
    assertThat(now - before).isNotNegative().isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void aConnectionsExecutorIsItsLoopItself() {
    Channel channel = new NioSocketChannel();
    group.register(channel).syncUninterruptibly();
    try {
      SessionExecutor executor = SioEventLoop.executorOf(channel);
      assertThat(executor).isSameAs(channel.eventLoop());
      assertThat(SioEventLoop.eventLoop(executor)).isSameAs(channel.eventLoop());
    } finally {
      channel.close().syncUninterruptibly();
    }
  }

  @Test
  void aLoopThatIsNoSessionExecutorNeedsAStandInOrFailsLoudly() {
    EmbeddedChannel plain = new EmbeddedChannel();
    assertThatThrownBy(() -> SioEventLoop.executorOf(plain))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EmbeddedEventLoop");
    EmbeddedChannel embedded = EmbeddedSessionExecutor.install(new EmbeddedChannel());
    SessionExecutor standIn = SioEventLoop.executorOf(embedded);
    assertThat(standIn).isInstanceOf(EmbeddedSessionExecutor.class);
    assertThat(SioEventLoop.executorOf(embedded)).isSameAs(standIn);
    assertThatThrownBy(() -> SioEventLoop.eventLoop(standIn))
        .isInstanceOf(IllegalStateException.class);
    assertThat((EventLoop) embedded.eventLoop()).isNotSameAs(standIn);
    plain.finishAndReleaseAll();
    embedded.finishAndReleaseAll();
  }
}
