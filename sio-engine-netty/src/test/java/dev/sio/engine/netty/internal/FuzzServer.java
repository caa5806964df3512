package dev.sio.engine.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.CorsOptions;
import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.EngineSocket;
import dev.sio.engine.HttpReply;
import dev.sio.engine.internal.EngineEndpoint;
import dev.sio.engine.internal.EngineSession;
import dev.sio.engine.internal.Router;
import dev.sio.testsupport.LeakReports;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the Jazzer targets: one {@link Router} with two real {@link EngineEndpoint}s
 * ({@code /engine.io/} with the defaults; {@code /socket.io/} with permessage-deflate, HTTP
 * compression, CORS and a small {@code maxHttpBufferSize}) and a plain route, whose connections are
 * {@link EmbeddedChannel}s built by the real {@link ListenerInitializer}, on frozen virtual time.
 * The handler echoes messages and closes the socket on the message {@code close}.
 *
 * <p>One instance serves a whole fuzzing run; {@link Connection#finish} checks after each input
 * that the connection left nothing behind.
 */
final class FuzzServer {
  /** Longer than any deadline of the endpoints: ping interval + timeout, upgrade timeout. */
  private static final long DRAIN_MILLIS = 120_000;

  /** Every this many inputs, garbage is collected so that the leak detector reports now. */
  private static final int LEAK_FLUSH_EVERY = 5_000;

  final Router router = new Router();
  final EngineEndpoint plain;
  final EngineEndpoint fancy;
  // The id of the last socket opened: the fuzzing thread (EmbeddedChannel runs tasks inline).
  volatile String lastSid;
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final ListenerInitializer initializer;
  private int finished; // the fuzzing thread: inputs checked so far

  FuzzServer() {
    EngineHandler handler =
        new EngineHandler() {
          @Override
          public void onOpen(EngineSocket socket) {
            lastSid = socket.id();
          }

          @Override
          public void onMessage(EngineSocket socket, String text) {
            if (text.equals("close")) {
              socket.close();
            } else {
              socket.send(text);
            }
          }

          @Override
          public void onBinary(EngineSocket socket, byte[] data) {
            socket.send(data);
          }

          @Override
          public void onClose(EngineSocket socket, String reason, String description) {}
        };
    plain = new EngineEndpoint(EngineOptions.defaults(), handler);
    fancy =
        new EngineEndpoint(
            EngineOptions.builder()
                .path("/socket.io/")
                .perMessageDeflate(true)
                .httpCompression(true)
                .httpCompressionThreshold(16)
                .maxHttpBufferSize(4096)
                .pingInterval(Duration.ofSeconds(5))
                .pingTimeout(Duration.ofSeconds(3))
                .cors(CorsOptions.anyOrigin())
                .build(),
            handler);
    router.add(plain);
    router.add(fancy);
    router.add("/hello", info -> HttpReply.text(200, "hello " + info.method()));
    initializer =
        new ListenerInitializer(
            router,
            null,
            channels,
            dev.sio.engine.netty.HttpListenerOptions.builder()
                .idleTimeout(Duration.ofSeconds(30))
                .build());
  }

  /** A new connection on frozen time. */
  Connection connect() {
    return new Connection();
  }

  /** One connection and everything it sent and received. */
  final class Connection {
    final EmbeddedChannel channel;
    private final List<ByteBuf> inbound = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream systemErr = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    Connection() {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple's target
      // the embedded loop owns the sessions, as a listener's SioEventLoop would
      channel = EmbeddedSessionExecutor.install(new EmbeddedChannel(initializer));
      channel.freezeTime(); // before anything falls due: the deadlines move only with step()
    }

    /** Writes {@code bytes} as one read, runs what is due and collects the output. */
    void write(byte[] bytes) {
      if (!channel.isOpen()) {
        return;
      }
      ByteBuf buf = Unpooled.wrappedBuffer(bytes);
      inbound.add(buf);
      channel.writeInbound(buf);
      step(10);
    }

    /** Lets {@code millis} of virtual time pass, running what falls due, and collects output. */
    void step(long millis) {
      channel.runPendingTasks();
      channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      channel.runPendingTasks();
      collect();
    }

    private void collect() {
      Object o;
      while ((o = channel.readOutbound()) != null) {
        if (!(o instanceof ByteBuf b)) {
          io.netty.util.ReferenceCountUtil.release(o);
          throw new AssertionError("not bytes on the wire: " + o.getClass().getName());
        }
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        out.writeBytes(bytes);
      }
    }

    /** What the server wrote so far. */
    byte[] output() {
      return out.toByteArray();
    }

    /**
     * Lets every deadline pass with the connection open (the idle handler and the heartbeats act),
     * closes it, and checks the aftermath: no exception reached the pipeline's end, nothing logged
     * at WARN or above, every input buffer released, no session left in either endpoint, the
     * connection gone from the listener's set, no leak reported by Netty's detector (garbage is
     * collected every {@value #LEAK_FLUSH_EVERY} inputs; a report may belong to an earlier input).
     *
     * <p>When the server itself closed the connection with {@code Channel.close()}, EmbeddedChannel
     * cancelled the loop's timers with it (a real event loop keeps them): the sessions left then
     * are closed as their ping timeout would, with {@code onError}, and must go too.
     */
    void finish() {
      try {
        for (int i = 0; i < 4; i++) {
          step(DRAIN_MILLIS / 4);
        }
        // through the pipeline: EmbeddedChannel.close() would also cancel the loop's timers
        channel.pipeline().close();
        step(0);
        for (int i = 0; i < 4; i++) {
          step(DRAIN_MILLIS / 4);
        }
        for (EngineEndpoint e : List.of(plain, fancy)) {
          for (EngineSession session : List.copyOf(e.sessions())) {
            session.execute(() -> session.onError("ping timeout"));
          }
        }
        step(0);
        channel.checkException();
        for (ByteBuf b : inbound) {
          assertThat(b.refCnt()).as("an input buffer left unreleased").isZero();
        }
        assertThat(plain.clientsCount()).as("sessions of /engine.io/ after the close").isZero();
        assertThat(fancy.clientsCount()).as("sessions of /socket.io/ after the close").isZero();
        assertThat(channels).as("connections after the close").isEmpty();
        List<String> leaks =
            ++finished % LEAK_FLUSH_EVERY == 0 ? LeakReports.flushAndDrain() : LeakReports.drain();
        assertThat(leaks).as("Netty's leak reports").isEmpty();
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("log lines at WARN or ERROR").doesNotContain(" WARN ", " ERROR ");
      } finally {
        System.setErr(systemErr);
        for (ByteBuf b : inbound) {
          if (b.refCnt() > 0) {
            b.release(b.refCnt());
          }
        }
        channel.finishAndReleaseAll();
      }
    }
  }
}
