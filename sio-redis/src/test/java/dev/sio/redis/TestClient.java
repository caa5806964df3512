package dev.sio.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio.cluster.internal.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal Socket.IO v5 client for the cluster tests: connects to one namespace, records every
 * event it receives (binary attachments put back as binary nodes), answers acks through {@link
 * #ackWith}, and emits with or without ack.
 */
public abstract class TestClient implements AutoCloseable {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One received event. */
  public record Event(String name, ArrayNode args, long ackId) {
    public JsonNode arg(int i) {
      return args.get(i);
    }
  }

  public final String nsp;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<Long, CompletableFuture<ArrayNode>> acks =
      new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger();
  private volatile Function<Event, Object> ackResponder = e -> null;
  public final BlockingQueue<String> control = new LinkedBlockingQueue<>();
  // The receiving thread only: the binary packet being reassembled.
  private String pendingHeader;
  private ArrayNode pendingData;
  private List<byte[]> attachments;
  private int expectedAttachments;
  public volatile String sid;
  public volatile String pid;
  public volatile boolean disconnected;

  protected TestClient(String nsp) {
    this.nsp = nsp;
  }

  /** The connection drops without a goodbye (the server sees {@code "transport close"}). */
  public abstract void drop();

  /** Sends one Socket.IO packet in text form (no Engine.IO prefix). */
  public abstract void sendPacket(String packet);

  /** Waits for the CONNECT answer after {@link #sendPacket} of the CONNECT. */
  public void handshake(ObjectNode auth) throws InterruptedException {
    String prefix = "/".equals(nsp) ? "" : nsp + ",";
    sendPacket("0" + prefix + (auth == null ? "" : auth.toString()));
    String connect = control.poll(5, TimeUnit.SECONDS);
    assertThat(connect).as("CONNECT answer").isNotNull().startsWith("40");
    JsonNode body = JsonValues.parse(connect.substring(2 + prefix.length()));
    this.sid = body.path("sid").asText(null);
    this.pid = body.path("pid").asText(null);
  }

  /** Answers each ack request with the value {@code responder} gives (one argument). */
  public void ackWith(Function<Event, Object> responder) {
    this.ackResponder = responder;
  }

  /** The next received event, failing after 5 s. */
  public Event next() throws InterruptedException {
    Event e = events.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("an event on " + nsp + " (sid " + sid + ")").isNotNull();
    return e;
  }

  /** An event if one arrives within {@code ms}, else null. */
  public Event poll(long ms) throws InterruptedException {
    return events.poll(ms, TimeUnit.MILLISECONDS);
  }

  /** Events received and not taken yet. */
  public List<Event> drain() {
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  /** Waits until the server disconnects this socket. */
  public boolean awaitDisconnect(long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!disconnected && System.currentTimeMillis() < end) {
      Thread.sleep(10);
    }
    return disconnected;
  }

  /** Emits an event. */
  public void emit(String event, Object... args) {
    send("42" + nspPrefix() + encodeArgs(event, args));
  }

  /** Emits an event asking for an ack. */
  public CompletableFuture<ArrayNode> emitWithAck(String event, Object... args) {
    long id = nextId.getAndIncrement();
    CompletableFuture<ArrayNode> f = new CompletableFuture<>();
    acks.put(id, f);
    send("42" + nspPrefix() + id + encodeArgs(event, args));
    return f;
  }

  public String nspPrefix() {
    return "/".equals(nsp) ? "" : nsp + ",";
  }

  private static String encodeArgs(String event, Object... args) {
    ArrayNode a = NODES.arrayNode();
    a.add(event);
    for (Object o : args) {
      a.add(JsonValues.MAPPER.valueToTree(o));
    }
    return a.toString();
  }

  private void send(String eioPayload) {
    sendPacket(eioPayload.substring(1));
  }

  /** Handles one Socket.IO packet in text form. */
  public void onSocketIo(String p) {
    char type = p.charAt(0);
    int i = 1;
    int attachmentCount = 0;
    if (type == '5' || type == '6') {
      int dash = p.indexOf('-', i);
      attachmentCount = Integer.parseInt(p.substring(i, dash));
      i = dash + 1;
    }
    String packetNsp = "/";
    if (i < p.length() && p.charAt(i) == '/') {
      int comma = p.indexOf(',', i);
      if (comma < 0) {
        packetNsp = p.substring(i);
        i = p.length();
      } else {
        packetNsp = p.substring(i, comma);
        i = comma + 1;
      }
    }
    if (!packetNsp.equals(nsp)) {
      return;
    }
    int start = i;
    while (i < p.length() && Character.isDigit(p.charAt(i))) {
      i++;
    }
    long id = i > start ? Long.parseLong(p.substring(start, i)) : -1;
    String json = p.substring(i);
    switch (type) {
      case '0' -> control.add("40" + ("/".equals(nsp) ? "" : nsp + ",") + json);
      case '1' -> disconnected = true;
      case '4' -> control.add("44" + json);
      case '2', '3' -> deliver(type, id, (ArrayNode) JsonValues.parse(json));
      case '5', '6' -> {
        pendingHeader = type + ":" + id;
        pendingData = (ArrayNode) JsonValues.parse(json);
        attachments = new ArrayList<>();
        expectedAttachments = attachmentCount;
      }
      default -> {}
    }
  }

  /** Handles one binary attachment. */
  public void onBinary(byte[] data) {
    attachments.add(data);
    if (attachments.size() == expectedAttachments) {
      ArrayNode full = (ArrayNode) replace(pendingData);
      String[] h = pendingHeader.split(":");
      deliver(h[0].charAt(0) == '5' ? '2' : '3', Long.parseLong(h[1]), full);
      pendingData = null;
    }
  }

  private JsonNode replace(JsonNode n) {
    if (n.isObject() && n.path("_placeholder").asBoolean(false)) {
      return NODES.binaryNode(attachments.get(n.path("num").asInt()));
    }
    if (n.isArray()) {
      ArrayNode a = NODES.arrayNode();
      n.forEach(c -> a.add(replace(c)));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = NODES.objectNode();
      n.properties().forEach(e -> o.set(e.getKey(), replace(e.getValue())));
      return o;
    }
    return n;
  }

  private void deliver(char type, long id, ArrayNode data) {
    if (type == '3') {
      CompletableFuture<ArrayNode> f = acks.remove(id);
      if (f != null) {
        f.complete(data);
      }
      return;
    }
    String name = data.get(0).asText();
    ArrayNode args = NODES.arrayNode();
    for (int k = 1; k < data.size(); k++) {
      args.add(data.get(k));
    }
    Event e = new Event(name, args, id);
    if (id >= 0) {
      Object reply = ackResponder.apply(e);
      ArrayNode r = NODES.arrayNode();
      if (reply != null) {
        r.add(JsonValues.MAPPER.valueToTree(reply));
      }
      sendPacket("3" + nspPrefix() + id + r);
    }
    events.add(e);
  }
}
