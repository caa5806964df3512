package dev.sio.protocol.socketio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sio.protocol.socketio.internal.JsDates;
import dev.sio.protocol.socketio.internal.JsonPacketDecoder;
import dev.sio.protocol.socketio.internal.JsonTextWriter;
import dev.sio.protocol.socketio.internal.SimpleJsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default Socket.IO parser, wire-identical to Node's {@code socket.io-parser} 4.x: each packet
 * is one text message {@code <type>[<attachments>-][<nsp>,][<id>][<json>]} followed by one binary
 * message per attachment.
 *
 * <pre>{@code
 * 2["chat","hi"]                               EVENT on "/"
 * 2/admin,12["chat","hi"]                      EVENT on "/admin" asking for ack 12
 * 51-["file",{"_placeholder":true,"num":0}]    BINARY_EVENT, then one byte[] message
 * }</pre>
 *
 * <p>The encoder writes JSON exactly as {@code JSON.stringify} does (escapes, number layout, key
 * order), picks BINARY_EVENT/BINARY_ACK when the data holds a {@code BinaryNode} anywhere, and
 * numbers the placeholders depth-first as Node does. Decoders validate like Node's decoder and
 * {@code isPacketValid} and refuse more than {@link #DEFAULT_MAX_ATTACHMENTS} attachments per
 * packet by default (Node's limit since socket.io-parser 4.2.6). As in Node, an object of your own
 * with {@code "_placeholder": true} inside a packet that also carries binary is taken for a
 * placeholder.
 *
 * <p>Immutable and thread-safe. Bind your own types with the same {@link #mapper()}:
 *
 * <pre>{@code
 * JsonParser parser = JsonParser.create();
 * JsonNode data = parser.mapper().valueToTree(List.of("chat", new Message("hi")));
 * List<Object> messages = parser.encode(new SocketPacket(SocketPacketType.EVENT, "/", data, -1));
 * }</pre>
 */
public final class JsonParser implements Parser {
  /** How many attachments a decoder accepts per packet unless told otherwise (as Node). */
  public static final int DEFAULT_MAX_ATTACHMENTS = 10;

  private static final ObjectMapper DEFAULT_MAPPER = newMapper();
  private static final JsonParser DEFAULT = new JsonParser(DEFAULT_MAPPER, DEFAULT_MAX_ATTACHMENTS);

  private final ObjectMapper mapper;
  private final ObjectReader reader;
  private final int maxAttachments;
  private final ThreadLocal<JsonTextWriter> writers;
  private final boolean defaultTrees; // the mapper reads trees as a default ObjectMapper does

  private JsonParser(ObjectMapper mapper, int maxAttachments) {
    this.mapper = mapper;
    this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.maxAttachments = maxAttachments;
    this.writers = ThreadLocal.withInitial(() -> new JsonTextWriter(mapper));
    this.defaultTrees = SimpleJsonReader.makesDefaultTrees(mapper);
  }

  /**
   * {@return the shared parser on Sio's default {@link ObjectMapper} (see {@link
   * #defaultMapper()})}
   */
  public static JsonParser create() {
    return DEFAULT;
  }

  /**
   * {@return a parser that reads JSON with {@code mapper} (number and string handling, read limits)
   * and turns POJOs found in {@code POJONode}s into trees with it} The mapper is not modified.
   *
   * @param mapper the Jackson mapper
   */
  public static JsonParser create(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return mapper == DEFAULT_MAPPER ? DEFAULT : new JsonParser(mapper, DEFAULT_MAX_ATTACHMENTS);
  }

  /**
   * {@return the {@link ObjectMapper} behind {@link #create()}, made by {@link #newMapper()} and
   * shared by the whole process} Do not reconfigure it; take a {@link #newMapper()} of your own and
   * pass it to {@link #create(ObjectMapper)} instead.
   */
  public static ObjectMapper defaultMapper() {
    return DEFAULT_MAPPER;
  }

  /**
   * {@return a new mapper configured as Sio's default, to adjust and pass to {@link
   * #create(ObjectMapper)}: a plain {@code ObjectMapper} with Jackson's JDK 8 ({@code Optional})
   * and JavaTime modules, and dates as JavaScript writes them} {@link java.time.Instant}, {@link
   * java.time.OffsetDateTime}, {@link java.time.ZonedDateTime}, {@link java.util.Date} and {@link
   * java.util.Calendar} are written as {@code JSON.stringify(new Date())} writes a Date: {@code
   * "2026-12-02T01:02:03.456Z"} (UTC, milliseconds; finer digits are cut off, and {@code null}
   * outside a Date's range of ±8.64e15 ms). Other java.time values are ISO-8601 text ({@code
   * "2026-12-02"}, {@code "PT1S"}). They are read back from that text, and from a number of epoch
   * milliseconds ({@code Date.now()}).
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(JsDates.module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .build();
  }

  /**
   * {@return a copy of this parser whose decoders accept at most {@code maxAttachments} binary
   * attachments per packet}
   *
   * @param maxAttachments the max attachments
   * @throws IllegalArgumentException when {@code maxAttachments} is negative
   */
  public JsonParser withMaxAttachments(int maxAttachments) {
    if (maxAttachments < 0) {
      throw new IllegalArgumentException("maxAttachments must be >= 0, was " + maxAttachments);
    }
    return new JsonParser(mapper, maxAttachments);
  }

  /** {@return the mapper this parser reads JSON with; use it to bind payloads to your own types} */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** {@return how many attachments this parser's decoders accept per packet} */
  public int maxAttachments() {
    return maxAttachments;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns the text message alone when the data holds no binary, else the text message of a
   * BINARY_EVENT/BINARY_ACK followed by each attachment's {@code byte[]} (the arrays of the {@code
   * BinaryNode}s themselves, not copies). A packet given as BINARY_EVENT/BINARY_ACK without binary
   * data goes out as EVENT/ACK.
   *
   * @throws IllegalArgumentException when the namespace does not start with {@code /}, or binary
   *     data sits in a CONNECT, DISCONNECT or CONNECT_ERROR packet
   */
  @Override
  public List<Object> encode(SocketPacket packet) {
    JsonTextWriter writer = write(packet);
    List<byte[]> attachments = writer.attachments();
    if (attachments == null) {
      return List.of(writer.text());
    }
    boolean event = writer.chars().charAt(0) == '2';
    writer.set(0, event ? '5' : '6');
    writer.insert(1, attachments.size() + "-");
    List<Object> messages = new ArrayList<>(attachments.size() + 1);
    messages.add(writer.text());
    messages.addAll(attachments);
    return messages;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The text is this thread's writer's buffer, valid until the thread encodes again; {@code
   * null} when the data holds binary values.
   */
  @Override
  public CharSequence encodeText(SocketPacket packet) {
    JsonTextWriter writer = write(packet);
    return writer.attachments() == null ? writer.chars() : null;
  }

  /**
   * Writes the text message of {@code packet} (placeholders for binary) into this thread's writer.
   */
  private JsonTextWriter write(SocketPacket packet) {
    SocketPacketType type = packet.type();
    boolean event = type == SocketPacketType.EVENT || type == SocketPacketType.BINARY_EVENT;
    boolean ack = type == SocketPacketType.ACK || type == SocketPacketType.BINARY_ACK;
    String namespace = packet.namespace();
    if (!namespace.startsWith("/")) {
      throw new IllegalArgumentException("namespace must start with '/': \"" + namespace + "\"");
    }
    JsonTextWriter writer = writers.get();
    writer.begin(event || ack);
    writer.append((char) ('0' + (event ? 2 : ack ? 3 : type.code())));
    if (namespace.length() != 1) {
      writer.append(namespace);
      writer.append(',');
    }
    if (packet.hasId()) {
      writer.append(packet.id());
    }
    JsonNode data = packet.data();
    if (data != null && !data.isNull() && !data.isMissingNode()) {
      writer.write(data);
    }
    return writer;
  }

  @Override
  public Decoder newDecoder() {
    return new JsonPacketDecoder(reader, maxAttachments, defaultTrees);
  }
}
