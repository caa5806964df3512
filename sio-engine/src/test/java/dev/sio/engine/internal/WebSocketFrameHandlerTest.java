package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.spi.WebSocketInbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
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
    WebSocketFrameHandler handler = new WebSocketFrameHandler(ch, true);
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
}
