package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.spi.WebSocketInbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The frame handler's own part of a WebSocket connection's pipeline. */
class WebSocketFrameHandlerTest {
  /** Records what the handler tells the session layer. */
  private static final class Inbound implements WebSocketInbound {
    final List<String> events = new ArrayList<>();

    @Override
    public void onText(byte[] utf8, int offset, int length) {
      events.add("text");
    }

    @Override
    public void onText(String text) {
      events.add("text");
    }

    @Override
    public void onBinary(byte[] data) {
      events.add("binary");
    }

    @Override
    public void onProtocolError(String description) {
      events.add("error " + description);
    }

    @Override
    public void onWritabilityChanged() {
      events.add("writability");
    }

    @Override
    public void onClosed() {
      events.add("closed");
    }
  }

  @Test
  void readsOnlyWhileTheConnectionIsWritableAsReadBackpressureDidBeforeTheUpgrade() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
    WebSocketFrameHandler handler =
        new WebSocketFrameHandler(ch, true, WebSocketCloseGuard.CLOSE_TIMEOUT_MILLIS);
    ch.pipeline().addLast(handler);
    Inbound inbound = new Inbound();
    handler.inbound(inbound);
    assertThat(ch.config().isAutoRead()).isTrue();

    ch.write(Unpooled.wrappedBuffer(new byte[32])); // above the high-water mark, not flushed
    ch.runPendingTasks();
    assertThat(ch.isWritable()).isFalse();
    assertThat(ch.config().isAutoRead()).as("reading while the client does not read").isFalse();

    ch.flush(); // the client read it
    ch.runPendingTasks();
    assertThat(ch.isWritable()).isTrue();
    assertThat(ch.config().isAutoRead()).isTrue();
    assertThat(inbound.events).containsExactly("writability", "writability");
    assertThat(ch.finishAndReleaseAll()).isTrue(); // the written buffer
  }

  /** Takes writes and completes none of them: a client that does not read. */
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
  void isTheCloseGuardNothingFollowsTheCloseFrameAndTheConnectionEndsAtTheDeadline() {
    Stuck stuck = new Stuck();
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime(); // the close deadline counts only the time advanced here
    WebSocketFrameHandler handler = new WebSocketFrameHandler(ch, true, 1_000);
    ch.pipeline().addLast(stuck, handler);
    Inbound inbound = new Inbound();
    handler.inbound(inbound);
    handler.handshakeDone();

    ch.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7})));
    ch.writeInbound(new CloseWebSocketFrame(1000, "bye")); // echoed, as ws does
    handler.writeText('4', "late"); // the session's write after the close frame
    var second = ch.writeAndFlush(new CloseWebSocketFrame(1001, null));
    assertThat(stuck.written).hasSize(2); // encoded here: the frame encoder is not in the way
    assertThat(ByteBufUtil.hexDump((ByteBuf) stuck.written.get(0))).isEqualTo("8a0107"); // pong
    assertThat(ByteBufUtil.hexDump((ByteBuf) stuck.written.get(1)))
        .isEqualTo("880503e8" + ByteBufUtil.hexDump("bye".getBytes(StandardCharsets.UTF_8)));
    assertThat(second.isDone()).as("a second close frame waits for the first").isFalse();

    ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isTrue();
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("cut at the close timeout").isFalse();
    assertThat(second.cause()).isInstanceOf(ClosedChannelException.class);
    assertThat(inbound.events).containsExactly("closed");
    stuck.written.forEach(ReferenceCountUtil::release);
  }

  @Test
  void theConnectionEndsOnceItsCloseFrameIsWritten() {
    EmbeddedChannel ch = new EmbeddedChannel();
    WebSocketFrameHandler handler = new WebSocketFrameHandler(ch, true, 1_000);
    ch.pipeline().addLast(handler);
    handler.inbound(new Inbound());
    handler.handshakeDone();
    handler.writeText('4', "before");
    handler.close(1000);
    assertThat(ch.isOpen()).isFalse();
    ByteBuf before = ch.readOutbound(); // a finished frame: FIN + text, length, '4', the text
    assertThat(before.readableBytes()).isEqualTo(2 + 1 + "before".length());
    before.release();
    ByteBuf close = ch.readOutbound();
    assertThat(ByteBufUtil.hexDump(close)).isEqualTo("880203e8"); // close 1000, no reason
    close.release();
    assertThat((Object) ch.readOutbound()).isNull();
  }

  @Test
  void theFrameEncoderLeavesAtTheHandshakeWithoutDeflateAndStaysWithIt() {
    for (boolean deflate : new boolean[] {false, true}) {
      EmbeddedChannel ch = new EmbeddedChannel();
      WebSocketFrameHandler handler = new WebSocketFrameHandler(ch, !deflate, 1_000);
      ch.pipeline().addLast(new WebSocket13FrameEncoder(false), handler);
      handler.inbound(new Inbound());
      handler.writeBinary(new byte[] {1, 2});
      ch.flush();
      handler.handshakeDone();
      handler.writeBinary(new byte[] {1, 2});
      ch.flush();
      assertThat(ch.pipeline().get(WebSocketFrameEncoder.class) == null).isEqualTo(!deflate);
      ByteBuf out = Unpooled.buffer();
      for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
        out.writeBytes(b);
        b.release();
      }
      // the same bytes before and after, by either encoder
      assertThat(ByteBufUtil.hexDump(out)).as("deflate %s", deflate).isEqualTo("8202010282020102");
      out.release();
      assertThat(ch.finishAndReleaseAll()).isFalse();
    }
  }
}
