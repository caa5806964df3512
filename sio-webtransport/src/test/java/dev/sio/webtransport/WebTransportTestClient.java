package dev.sio.webtransport;

import dev.sio.protocol.engineio.EnginePacket;
import dev.sio.protocol.engineio.EngineStreamCodec;
import dev.sio.protocol.engineio.EngineStreamDecoder;
import dev.sio.webtransport.internal.WebTransportProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.DefaultHttp3SettingsFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;

/**
 * A WebTransport client on Netty's HTTP/3 client, for tests (docs/design/WEBTRANSPORT.md §8): it
 * trusts only the certificate whose SHA-256 it is given (as {@code serverCertificateHashes}), sends
 * Chromium's SETTINGS and CONNECT, opens one bidirectional stream with {@code 0x41} and the session
 * id, and records what arrives on both streams as text events.
 */
final class WebTransportTestClient implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 5;

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel udp;
  final QuicChannel quic;

  /** The server's SETTINGS, as the client decoded them. */
  final BlockingQueue<Http3SettingsFrame> serverSettings = new LinkedBlockingQueue<>();

  private WebTransportTestClient(InetSocketAddress server, byte[] certificateHash, boolean http3)
      throws Exception {
    QuicSslContext ssl =
        QuicSslContextBuilder.forClient()
            .trustManager(new HashTrustManager(certificateHash))
            .applicationProtocols(Http3.supportedApplicationProtocols())
            .build();
    ChannelHandler codec =
        Http3.newQuicClientCodecBuilder()
            .sslContext(ssl)
            .maxIdleTimeout(10, TimeUnit.SECONDS)
            .initialMaxData(16L << 20)
            .initialMaxStreamDataBidirectionalLocal(4L << 20)
            .initialMaxStreamDataBidirectionalRemote(4L << 20)
            .initialMaxStreamsBidirectional(16)
            .datagram(16, 16)
            .build();
    udp =
        new Bootstrap()
            .group(group)
            .channel(NioDatagramChannel.class)
            .handler(codec)
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    Http3Settings settings = new Http3Settings((id, v) -> true).enableH3Datagram(true);
    settings.put(WebTransportProtocol.SETTINGS_WEBTRANS_DRAFT02, 1L); // what Chromium 156 sends
    ChannelHandler connection =
        !http3
            ? new ChannelInboundHandlerAdapter() // no control stream, no SETTINGS, no QPACK
            : new Http3ClientConnectionHandler(
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http3SettingsFrame s) {
                      serverSettings.add(s);
                    }
                    ReferenceCountUtil.release(msg);
                  }
                },
                null,
                null,
                new DefaultHttp3SettingsFrame(settings),
                true,
                (id, v) -> true);
    var bootstrap = QuicChannel.newBootstrap(udp).handler(connection);
    if (!http3) {
      bootstrap.streamHandler(
          new ChannelInboundHandlerAdapter() { // the server's control and QPACK streams: dropped
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ReferenceCountUtil.release(msg);
            }
          });
    }
    quic = bootstrap.remoteAddress(server).connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Connects to {@code server}, trusting the certificate of SHA-256 {@code certificateHash}. */
  static WebTransportTestClient connect(InetSocketAddress server, byte[] certificateHash)
      throws Exception {
    return new WebTransportTestClient(server, certificateHash, true);
  }

  /**
   * Connects with QUIC only: no HTTP/3 handler, so no control stream and no SETTINGS; streams are
   * written and read as raw bytes ({@link #rawStream}).
   */
  static WebTransportTestClient connectRaw(InetSocketAddress server, byte[] certificateHash)
      throws Exception {
    return new WebTransportTestClient(server, certificateHash, false);
  }

  /** A stream of a raw client: the bytes read (hex, appended) and "fin", "reset", "inactive". */
  static final class RawStream {
    final QuicStreamChannel stream;
    final StringBuffer read; // the stream's loop appends
    final BlockingQueue<String> events;

    RawStream(QuicStreamChannel stream, StringBuffer read, BlockingQueue<String> events) {
      this.stream = stream;
      this.read = read;
      this.events = events;
    }

    String next() throws InterruptedException {
      return events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Opens a stream of {@code type} on a raw client and writes {@code hex} on it. */
  RawStream rawStream(QuicStreamType type, String hex) throws Exception {
    BlockingQueue<String> early = new LinkedBlockingQueue<>();
    StringBuffer read = new StringBuffer();
    QuicStreamChannel stream =
        quic.createStream(
                type,
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    read.append(ByteBufUtil.hexDump(buf));
                    buf.release();
                  }

                  @Override
                  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ChannelInputShutdownEvent) {
                      early.add("fin");
                    }
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    early.add("reset");
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    early.add("inactive");
                  }
                })
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    stream.writeAndFlush(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex))).sync();
    return new RawStream(stream, read, early);
  }

  /** Trusts one certificate, by the SHA-256 of its DER, as Chromium's fingerprint verifier. */
  private record HashTrustManager(byte[] hash) implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        byte[] actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        if (!Arrays.equals(actual, hash)) {
          throw new CertificateException("certificate hash " + HexFormat.of().formatHex(actual));
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new CertificateException(e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** A request stream: headers, DATA (hex) and FIN as events. */
  static final class Request {
    final QuicStreamChannel stream;
    final BlockingQueue<String> events;

    Request(QuicStreamChannel stream, BlockingQueue<String> events) {
      this.stream = stream;
      this.events = events;
    }

    String next() throws InterruptedException {
      return events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends DATA (a capsule, hex) on the stream. */
    void sendData(String hex) {
      stream.writeAndFlush(
          new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex))));
    }
  }

  /** Sends a request ({@code :protocol} null for a plain one) and records its answer. */
  Request request(String method, String protocol, String path) throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    QuicStreamChannel stream =
        Http3.newRequestStream(
                quic,
                new Http3RequestStreamInboundHandler() {
                  @Override
                  protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
                    StringBuilder b = new StringBuilder("headers");
                    frame
                        .headers()
                        .forEach(
                            e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue()));
                    events.add(b.toString());
                  }

                  @Override
                  protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
                    events.add("data " + ByteBufUtil.hexDump(frame.content()));
                    frame.release();
                  }

                  @Override
                  protected void channelInputClosed(ChannelHandlerContext ctx) {
                    events.add("fin");
                  }

                  @Override
                  protected void handleQuicException(
                      ChannelHandlerContext ctx, io.netty.handler.codec.quic.QuicException e) {
                    events.add("quic exception " + e.getMessage());
                  }

                  @Override
                  protected void handleHttp3Exception(
                      ChannelHandlerContext ctx, io.netty.handler.codec.http3.Http3Exception e) {
                    events.add("http3 exception " + e.getMessage());
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    events.add("inactive");
                  }
                })
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    DefaultHttp3HeadersFrame headers = new DefaultHttp3HeadersFrame();
    InetSocketAddress server = (InetSocketAddress) quic.remoteSocketAddress();
    headers
        .headers()
        .method(method)
        .scheme("https")
        .authority("127.0.0.1:" + server.getPort())
        .path(path);
    if (protocol != null) {
      headers.headers().protocol(protocol);
      headers.headers().add("sec-webtransport-http3-draft02", "1");
    }
    headers.headers().add("origin", "http://127.0.0.1");
    if ("CONNECT".equals(method)) {
      stream.writeAndFlush(headers).sync();
    } else {
      stream.writeAndFlush(headers).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT).sync();
    }
    return new Request(stream, events);
  }

  /** An Engine.IO stream of a session: decoded packets, "fin" and "reset" as events. */
  static final class EngineStream {
    final QuicStreamChannel stream;
    final BlockingQueue<Object> events;

    EngineStream(QuicStreamChannel stream, BlockingQueue<Object> events) {
      this.stream = stream;
      this.events = events;
    }

    Object next() throws InterruptedException {
      return events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Writes frames: each packet as {@link EngineStreamCodec} encodes it. */
    void send(EnginePacket... packets) {
      ByteBuf out = Unpooled.buffer();
      for (EnginePacket p : packets) {
        out.writeBytes(EngineStreamCodec.encode(p));
      }
      stream.writeAndFlush(out);
    }

    /** Writes raw bytes (hex). */
    void sendHex(String hex) {
      stream.writeAndFlush(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
    }
  }

  /**
   * Opens a bidirectional stream that starts with {@code 40 41} and {@code sessionId}, then {@code
   * first} (hex, may be empty).
   */
  EngineStream openStream(long sessionId, String first) throws Exception {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    EngineStreamDecoder decoder = new EngineStreamDecoder(Integer.MAX_VALUE);
    QuicStreamChannel stream =
        quic.createStream(
                QuicStreamType.BIDIRECTIONAL,
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    try {
                      decoder.decode(ByteBufUtil.getBytes(buf), events::add);
                    } catch (Exception e) {
                      events.add("error " + e.getMessage());
                    } finally {
                      buf.release();
                    }
                  }

                  @Override
                  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ChannelInputShutdownEvent) {
                      events.add("fin");
                    }
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    events.add("reset");
                  }
                })
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ByteBuf out = Unpooled.buffer();
    WebTransportProtocol.writeVarint(out, WebTransportProtocol.WEBTRANSPORT_STREAM);
    WebTransportProtocol.writeVarint(out, sessionId);
    out.writeBytes(HexFormat.of().parseHex(first));
    stream.writeAndFlush(out).sync();
    return new EngineStream(stream, events);
  }

  @Override
  public void close() {
    try {
      quic.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      udp.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
