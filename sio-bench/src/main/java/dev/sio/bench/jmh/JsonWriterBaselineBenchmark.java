package dev.sio.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio.protocol.socketio.JsonParser;
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
 * The JSON parser's encoder (one pass, JSON.stringify layout, packet header included) against
 * Jackson's own {@code writeValueAsString} of the same tree (payload only), as a yardstick. Run
 * like {@link ParserBenchmark} with the pattern {@code JsonWriterBaselineBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonWriterBaselineBenchmark {
  /** Number of chat messages in the event's array argument. */
  @Param({"1", "50"})
  public int messages;

  private final ObjectMapper mapper = JsonParser.defaultMapper();
  private final JsonParser parser = JsonParser.create();
  private ArrayNode data;
  private SocketPacket packet;

  /** Builds the event once per trial. */
  @Setup
  public void setUp() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    data = f.arrayNode().add("history");
    ArrayNode list = data.addArray();
    for (int i = 0; i < messages; i++) {
      list.addObject()
          .put("id", i)
          .put("user", "user-" + i)
          .put("text", "Message number " + i + " with \"quotes\" and a tab\t")
          .put("score", i / 3.0);
    }
    packet = new SocketPacket(SocketPacketType.EVENT, "/", data, SocketPacket.NO_ID);
  }

  /** {@return sio's JSON encoder} */
  @Benchmark
  public List<Object> sioEncode() {
    return parser.encode(packet);
  }

  /**
   * {@return jackson's generator over the same tree}
   *
   * @throws JsonProcessingException when it fails
   */
  @Benchmark
  public String jacksonWriteValueAsString() throws JsonProcessingException {
    return mapper.writeValueAsString(data);
  }
}
