package dev.sio.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Socket.IO client over HTTP long-polling with keep-alive: one connection keeps a GET waiting
 * for the server's packets, another carries POSTs of the client's packets (queued packets go out
 * together, joined by the record separator, when the previous POST is answered). Both connections
 * live on one event loop, which owns all the state.
 */
public final class PollingClient {
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

  /** What a scenario hears from a polling client; every call comes on the client's event loop. */
  public interface Listener {
    /** The Socket.IO CONNECT was answered. */
    void onConnected(PollingClient client);

    /** An ACK arrived; its arguments are {@code body[argsIndex, end)}, valid during the call. */
    void onAck(PollingClient client, long id, ByteBuf body, int argsIndex, int end);

    /** The client failed or closed; called at most once. */
    void onClosed(PollingClient client, String reason);
  }

  private final LoadTransport transport;
  private final Listener listener;
  private final String hostHeader;
  private final long startNanos = System.nanoTime();
  private Channel getChannel; // event loop
  private Channel postChannel; // event loop
  private String sid; // event loop
  private boolean postInFlight; // event loop
  private final StringBuilder queued = new StringBuilder(); // event loop
  private boolean closed; // event loop
  private volatile long connectedNanos; // written once by the event loop

  /** Scenario state of this client, owned by its event loop. */
  public Object attachment;

  private PollingClient(LoadTransport transport, Listener listener) {
    this.transport = transport;
    this.listener = listener;
    this.hostHeader =
        transport.target().getAddress().getHostAddress() + ":" + transport.target().getPort();
  }

  /** Opens a client: the handshake GET goes out when TCP connects. */
  public static PollingClient open(LoadTransport transport, Listener listener) {
    PollingClient c = new PollingClient(transport, listener);
    ChannelFuture f = transport.connect(c.initializer(true), null);
    c.getChannel = f.channel();
    f.addListener(
        done -> {
          if (done.isSuccess()) {
            c.getChannel.writeAndFlush(c.request(HttpMethod.GET, BenchProtocol.POLLING_PATH, null));
          } else {
            c.fail("connect failed: " + done.cause());
          }
        });
    return c;
  }

  /** When {@link #open} was called. */
  public long startNanos() {
    return startNanos;
  }

  /** When the CONNECT was answered, or 0. */
  public long connectedNanos() {
    return connectedNanos;
  }

  /** The GET connection's event loop, which owns this client. */
  public EventLoop eventLoop() {
    return getChannel.eventLoop();
  }

  /** Queues one packet; it goes out in the next POST. Call on {@link #eventLoop()}. */
  public void send(String packet) {
    if (queued.length() > 0) {
      queued.append(BenchProtocol.RECORD_SEPARATOR);
    }
    queued.append(packet);
    if (!postInFlight && postChannel != null && postChannel.isActive()) {
      post();
    }
  }

  /** Closes both connections. */
  public void close() {
    closed = true;
    if (getChannel != null) {
      getChannel.close();
    }
    if (postChannel != null) {
      postChannel.close();
    }
  }

  private void post() {
    postInFlight = true;
    ByteBuf body = ByteBufUtil.writeUtf8(postChannel.alloc(), queued);
    queued.setLength(0);
    postChannel.writeAndFlush(
        request(HttpMethod.POST, BenchProtocol.POLLING_PATH + "&sid=" + sid, body));
  }

  private FullHttpRequest request(HttpMethod method, String uri, ByteBuf body) {
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, method, uri, body == null ? Unpooled.EMPTY_BUFFER : body);
    req.headers().set(HttpHeaderNames.HOST, hostHeader);
    if (body != null) {
      req.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
      req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    }
    req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    return req;
  }

  private ChannelInitializer<Channel> initializer(boolean get) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline()
            .addLast(new HttpClientCodec())
            .addLast(new HttpObjectAggregator(1 << 20))
            .addLast(get ? new GetHandler() : new PostHandler());
      }
    };
  }

  private void fail(String reason) {
    if (!closed) {
      closed = true;
      listener.onClosed(this, reason);
      close();
    }
  }

  private void onGetResponse(FullHttpResponse res) {
    if (res.status().code() != 200) {
      fail("GET answered " + res.status());
      return;
    }
    ByteBuf body = res.content();
    if (sid == null) {
      Matcher m = SID.matcher(body.toString(StandardCharsets.UTF_8));
      if (!m.find()) {
        fail("no sid in handshake: " + body.toString(StandardCharsets.UTF_8));
        return;
      }
      sid = m.group(1);
      ChannelFuture f = transport.connect(initializer(false), getChannel.eventLoop());
      postChannel = f.channel();
      f.addListener(
          done -> {
            if (done.isSuccess()) {
              send(BenchProtocol.CONNECT);
            } else {
              fail("POST connection failed: " + done.cause());
            }
          });
    } else {
      int end = body.writerIndex();
      int i = body.readerIndex();
      while (i < end) {
        int sep = body.indexOf(i, end, (byte) BenchProtocol.RECORD_SEPARATOR);
        int packetEnd = sep < 0 ? end : sep;
        onPacket(body, i, packetEnd);
        i = packetEnd + 1;
      }
    }
    if (!closed) {
      getChannel.writeAndFlush(
          request(HttpMethod.GET, BenchProtocol.POLLING_PATH + "&sid=" + sid, null));
    }
  }

  private void onPacket(ByteBuf b, int from, int end) {
    if (end - from < 1) {
      return;
    }
    byte eio = b.getByte(from);
    if (eio == BenchProtocol.EIO_MESSAGE && end - from >= 2) {
      byte sio = b.getByte(from + 1);
      if (sio == BenchProtocol.SIO_ACK) {
        int args = BenchProtocol.skipDigits(b, from + 2, end);
        listener.onAck(this, BenchProtocol.readNumber(b, from + 2, end), b, args, end);
      } else if (sio == BenchProtocol.SIO_CONNECT) {
        connectedNanos = System.nanoTime();
        listener.onConnected(this);
      } else if (sio == BenchProtocol.SIO_CONNECT_ERROR || sio == BenchProtocol.SIO_DISCONNECT) {
        fail("server said " + b.toString(from, end - from, StandardCharsets.UTF_8));
      }
    } else if (eio == BenchProtocol.EIO_PING) {
      send(BenchProtocol.PONG);
    } else if (eio == BenchProtocol.EIO_CLOSE) {
      fail("server closed the session");
    }
  }

  private final class GetHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
      onGetResponse(res);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail("GET connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail("GET connection error: " + cause);
    }
  }

  private final class PostHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
      if (res.status().code() != 200) {
        fail(
            "POST answered "
                + res.status()
                + ": "
                + res.content().toString(StandardCharsets.UTF_8));
        return;
      }
      postInFlight = false;
      if (queued.length() > 0) {
        post();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail("POST connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail("POST connection error: " + cause);
    }
  }
}
