package dev.sio.engine.netty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading from a connection while it is not writable (its write buffer is above the
 * listener's high-water mark) and resumes when it drains below the low-water mark: a peer that does
 * not read what it asked for gets no further request parsed. At a WebSocket upgrade it leaves the
 * pipeline and the frame handler ({@link WebSocketFrameHandler#channelWritabilityChanged}) does the
 * same for frames, one handler fewer per connection. The HTTP handler may also hold reading
 * (requests waiting behind an answer); reading resumes when neither holds it. Confined to the
 * connection's event loop.
 */
public final class ReadBackpressure extends ChannelInboundHandlerAdapter {
  private boolean held; // loop: the HTTP handler asked to stop reading
  private ChannelHandlerContext ctx; // loop: set when added

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Stops ({@code true}) or allows ({@code false}) reading on behalf of the HTTP handler. */
  public void hold(boolean hold) {
    if (held != hold) {
      held = hold;
      update();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    update();
    ctx.fireChannelWritabilityChanged();
  }

  private void update() {
    boolean read = ctx.channel().isWritable() && !held;
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read); // turning it on also asks for a read
    }
  }
}
