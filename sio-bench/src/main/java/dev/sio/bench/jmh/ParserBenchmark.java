package dev.sio.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.msgpack.MsgpackParser;
import dev.sio.protocol.ProtocolException;
import dev.sio.protocol.socketio.JsonParser;
import dev.sio.protocol.socketio.Parser;
import dev.sio.protocol.socketio.SocketPacket;
import dev.sio.protocol.socketio.SocketPacketType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode cost of one Socket.IO EVENT packet, JSON and msgpack, with and without a binary
 * value. Run (from the repository root):
 *
 * <pre>
 * mvn -o -q -pl sio-bench -am install -DskipTests
 * java -cp sio-bench/target/classes:$(cat sio-bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main ParserBenchmark
 * </pre>
 *
 * Add JMH options after the pattern, e.g. {@code -f 1 -wi 3 -i 5 -p parser=json -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
  /** Which parser: {@code json} (socket.io-parser format) or {@code msgpack}. */
  @Param({"json", "msgpack"})
  public String parser;

  /** {@code text}: a chat message; {@code binary}: the same plus a 1 KiB byte[] argument. */
  @Param({"text", "binary"})
  public String payload;

  private Parser codec;
  private SocketPacket packet;
  private List<Object> encoded;
  private Parser.Decoder decoder;

  /** Builds the packet and its encoding once per trial. */
  @Setup
  public void setUp() {
    codec = parser.equals("json") ? JsonParser.create() : MsgpackParser.create();
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode args = f.arrayNode().add("chat");
    args.addObject()
        .put("room", "lobby")
        .put("user", "françoise")
        .put("text", "Hello everyone, the build is green again \u2705")
        .put("ts", 1_763_700_000_000L)
        .put("score", 4.5)
        .putArray("tags")
        .add("release")
        .add("ci");
    if (payload.equals("binary")) {
      byte[] bytes = new byte[1024];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      args.add(f.binaryNode(bytes));
    }
    packet = new SocketPacket(SocketPacketType.EVENT, "/chat", args, 42);
    encoded = codec.encode(packet);
    decoder = codec.newDecoder();
  }

  /** {@return packet to Engine.IO messages} */
  @Benchmark
  public List<Object> encode() {
    return codec.encode(packet);
  }

  /**
   * {@return Engine.IO messages to packet, attachments reassembled}
   *
   * @throws ProtocolException when it fails
   */
  @Benchmark
  public SocketPacket decode() throws ProtocolException {
    SocketPacket result = null;
    for (Object message : encoded) {
      result =
          message instanceof String
              ? decoder.decode((String) message)
              : decoder.decode((byte[]) message);
    }
    return result;
  }
}
