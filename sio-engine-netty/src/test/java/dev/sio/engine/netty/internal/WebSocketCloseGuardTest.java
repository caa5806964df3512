package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebSocketCloseGuardTest {
  /**
   * Takes writes and completes none of them (a client that does not read); a close fails them, as
   * the channel's outbound buffer does.
   */
  private static final class Stuck extends ChannelOutboundHandlerAdapter {
    final List<Object> written = new ArrayList<>();
    final List<ChannelPromise> promises = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      written.add(msg);
      promises.add(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
      promises.forEach(p -> p.tryFailure(new ClosedChannelException()));
      ctx.close(promise);
    }
  }

  @Test
  void theConnectionClosesOnceTheCloseFrameIsWritten() {
    EmbeddedChannel ch = new EmbeddedChannel(new WebSocketCloseGuard(1_000));
    ch.writeAndFlush(new TextWebSocketFrame("before"));
    assertThat(ch.isOpen()).isTrue();
    ch.writeAndFlush(new CloseWebSocketFrame(1002, null));
    assertThat(ch.isOpen()).isFalse();
    TextWebSocketFrame before = ch.readOutbound();
    assertThat(before.text()).isEqualTo("before");
    before.release();
    CloseWebSocketFrame close = ch.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1002);
    assertThat(close.reasonText()).isEmpty();
    close.release();
    assertThat((Object) ch.readOutbound()).isNull();
  }

  @Test
  void aCloseFrameWhoseWriteNeverCompletesIsForcedAfterTheDeadline() {
    Stuck stuck = new Stuck();
    EmbeddedChannel ch = new EmbeddedChannel(stuck, new WebSocketCloseGuard(1_000));
    ch.writeAndFlush(new CloseWebSocketFrame(1009, null));
    ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isTrue();
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isFalse();
    assertThat(stuck.written).hasSize(1);
    stuck.written.forEach(ReferenceCountUtil::release);
  }

  @Test
  void writesAfterTheCloseFrameAreDroppedAndASecondCloseCompletesWithTheFirst() {
    Stuck stuck = new Stuck();
    EmbeddedChannel ch = new EmbeddedChannel(stuck, new WebSocketCloseGuard(1_000));
    ch.writeAndFlush(new CloseWebSocketFrame(1002, null));
    TextWebSocketFrame late = new TextWebSocketFrame("late");
    ChannelFuture data = ch.writeAndFlush(late);
    assertThat(data.cause()).isInstanceOf(ClosedChannelException.class);
    assertThat(late.refCnt()).isZero();
    ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}), ch.voidPromise()); // pre-encoded
    ChannelFuture second = ch.writeAndFlush(new CloseWebSocketFrame());
    assertThat(second.isDone()).isFalse(); // waits for the first close frame's write
    assertThat(stuck.written).hasSize(1);
    ch.advanceTimeBy(1_000, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isFalse();
    assertThat(second.cause()).isInstanceOf(ClosedChannelException.class); // failed with the first
    stuck.written.forEach(ReferenceCountUtil::release);
  }
}
