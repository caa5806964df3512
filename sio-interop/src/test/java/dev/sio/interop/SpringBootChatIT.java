package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spring Boot sample ({@code samples/spring-boot-chat}) as a user runs it: its repackaged jar
 * in a child JVM, against the npm {@code socket.io-client} (polling only, WebSocket only, polling
 * then the upgrade; acks, rooms, binary) and two headless Chromium pages, while the application's
 * own REST endpoint answers. Socket.IO runs in the application's Tomcat here ({@code
 * sio.mode=auto}); {@link SpringBootChatNettyModeIT} runs the same tests with Sio on its own port.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootChatIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern READY = Pattern.compile("sample ready port=(\\d+) sio-port=(\\d+)");
  private static final int LOG_LIMIT = 256 * 1024;

  private Process app;
  private Thread reader;
  private final StringBuilder log = new StringBuilder(); // guarded by itself
  private int port;
  private int sioPort;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void startTheSample() throws Exception {
    Path jar = Path.of(System.getProperty("sio.sample.jar", "missing"));
    assertThat(jar)
        .as("the sample's jar (mvn package in samples/spring-boot-chat)")
        .isRegularFile();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--server.port=0",
                "--sio.port=0",
                "--spring.main.banner-mode=off"));
    command.addAll(extraArguments());
    app = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  synchronized (log) {
                    if (log.length() < LOG_LIMIT) {
                      log.append(line).append('\n');
                    }
                  }
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    ready.complete(m);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("the sample exited"));
            },
            "sample-stdout");
    reader.setDaemon(true);
    reader.start();
    Matcher m;
    try {
      m = ready.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the sample did not print 'sample ready': " + log(), e);
    }
    port = Integer.parseInt(m.group(1));
    sioPort = Integer.parseInt(m.group(2));
  }

  /** {@return more arguments for the sample (this class: none, Socket.IO in the container)} */
  List<String> extraArguments() {
    return List.of();
  }

  /** {@return whether Socket.IO is expected on a port of its own} */
  boolean ownPort() {
    return false;
  }

  @Test
  void socketIoAnswersWhereTheModeSays() throws Exception {
    assertThat(sioPort != port).isEqualTo(ownPort());
    assertThat(status().path("ownPort").asBoolean()).isEqualTo(ownPort());
  }

  @AfterAll
  void stopTheSample() throws Exception {
    if (app == null) {
      return;
    }
    // A polling client with its GET pending while the application stops.
    try (NodeScript last = client("polling")) {
      last.await("connect", WAIT);
      // SIGTERM: Boot's graceful shutdown, Sio's lifecycle first. Through the handle, because
      // Process.destroy() also closes the pipes, and the shutdown's log lines would be lost.
      app.toHandle().destroy();
      assertThat(last.await("disconnect", WAIT).path("reason").asText())
          .isEqualTo("transport close");
    }
    if (!app.waitFor(30, TimeUnit.SECONDS)) {
      app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the sample did not stop within 30 s of SIGTERM: " + log());
    }
    reader.join(10_000);
    Files.createDirectories(NodeScript.artifactsDir());
    Files.writeString(
        NodeScript.artifactsDir().resolve(getClass().getSimpleName() + ".log"), log());
    // Sio's lifecycle stopped first, so no open long poll held the graceful phase up.
    assertThat(log())
        .contains("Graceful shutdown complete")
        .doesNotContain("Graceful shutdown aborted");
  }

  private String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  private String sioUrl() {
    return "http://127.0.0.1:" + sioPort;
  }

  /** GET of the application's REST endpoint: {@code {"sockets": n, ...}}. */
  private JsonNode status() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return NodeScript.JSON.readTree(r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "polling,websocket"})
  void npmClientsChatInARoom(String transports) throws Exception {
    String room = "room-" + transports.replace(',', '-');
    try (NodeScript ann = client(transports);
        NodeScript bob = client(transports)) {
      String first = transports.split(",")[0];
      assertThat(ann.await("open", WAIT).path("transport").asText()).isEqualTo(first);
      assertThat(bob.await("open", WAIT).path("transport").asText()).isEqualTo(first);
      ann.await("connect", WAIT);
      bob.await("connect", WAIT);
      if (transports.contains(",")) {
        assertThat(ann.await("upgrade", WAIT).path("transport").asText()).isEqualTo("websocket");
        assertThat(bob.await("upgrade", WAIT).path("transport").asText()).isEqualTo("websocket");
      }
      // The application's HTTP endpoint answers on its port meanwhile.
      assertThat(status().path("sockets").asInt()).isGreaterThanOrEqualTo(2);

      JsonNode annJoined = ack(ann, 1, "join", join(room, "ann"));
      assertThat(annJoined.path("args").get(0).path("members").toString()).isEqualTo("[\"ann\"]");
      JsonNode bobJoined = ack(bob, 2, "join", join(room, "bob"));
      assertThat(bobJoined.path("args").get(0).path("members").toString())
          .isEqualTo("[\"ann\",\"bob\"]");
      JsonNode members = ann.await(e -> isMessage(e, "members"), WAIT);
      assertThat(members.path("args").get(0).toString()).isEqualTo("[\"ann\",\"bob\"]");

      ObjectNode text = NodeScript.JSON.createObjectNode();
      JsonNode stored = ack(ann, 3, "message", text.textNode("hello bob"));
      assertThat(stored.path("args").get(0).path("from").asText()).isEqualTo("ann");
      JsonNode heard = bob.await(e -> isMessage(e, "message"), WAIT);
      assertThat(heard.path("args").get(0).path("text").asText()).isEqualTo("hello bob");
      assertThat(heard.path("args").get(0).path("from").asText()).isEqualTo("ann");

      byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff};
      ObjectNode image = NodeScript.command("emitWithAck").put("id", 4).put("name", "image");
      image.putArray("args").add("image/png").addObject().put("$bin", b64(png));
      bob.send(image);
      JsonNode imageAck = bob.await(e -> isAck(e, 4), WAIT);
      assertThat(imageAck.path("args").get(0).path("mime").asText()).isEqualTo("image/png");
      JsonNode received = ann.await(e -> isMessage(e, "image"), WAIT);
      assertThat(received.path("args").get(0).path("from").asText()).isEqualTo("bob");
      assertThat(received.path("args").get(1).path("$bin").asText()).isEqualTo(b64(png));

      bob.send(NodeScript.command("disconnect"));
      assertThat(bob.await("disconnect", WAIT).path("reason").asText())
          .isEqualTo("io client disconnect");
      JsonNode left = ann.await(e -> isMessage(e, "system") && textArg(e).equals("bob left"), WAIT);
      assertThat(textArg(left)).isEqualTo("bob left");
    }
  }

  @Test
  void twoBrowserPagesChatThroughTheSample() throws Exception {
    try (Browser browser = new Browser()) {
      String url = "http://localhost:" + port + "/";
      Chromium.Page ann = join(browser.chromium.open("ann", url), "ann", "lobby");
      Chromium.Page bob = join(browser.chromium.open("bob", url), "bob", "lobby");
      ann.waitFor("[...document.querySelectorAll('#members li')].length === 2", WAIT);
      ann.waitFor(shown("system", "text", "'bob joined'"), WAIT);

      ann.fill("#text", "hello bob");
      ann.click("#send-button");
      bob.waitFor(shown("message", "text", "'hello bob'"), WAIT);
      ann.waitFor(shown("message", "text", "'hello bob'"), WAIT); // its own, after the ack

      bob.fill("#text", "typing something");
      ann.waitFor("document.getElementById('typing').textContent === 'bob is typing…'", WAIT);
      bob.press("#text", "Enter");
      ann.waitFor(shown("message", "text", "'typing something'"), WAIT);

      byte[] gif = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=");
      bob.setInputFile("#image", "dot.gif", "image/gif", gif);
      ann.waitFor(shown("image", "size", String.valueOf(gif.length)), WAIT);

      assertThat(ann.evaluate("socket.io.engine.transport.name").asText()).isEqualTo("websocket");
      assertThat(status().path("sockets").asInt()).isGreaterThanOrEqualTo(2);
      ann.screenshot(getClass().getSimpleName() + "-ann");
      bob.screenshot(getClass().getSimpleName() + "-bob");
      assertThat(browser.chromium.consoleLog()).doesNotContain("ERROR");
    }
  }

  private NodeScript client(String transports) {
    return NodeScript.start("socketio-client.js", sioUrl(), "--transports", transports);
  }

  private static ObjectNode join(String room, String nickname) {
    return NodeScript.JSON.createObjectNode().put("room", room).put("nickname", nickname);
  }

  private static JsonNode ack(NodeScript client, int id, String name, JsonNode arg) {
    ObjectNode ask = NodeScript.command("emitWithAck").put("id", id).put("name", name);
    ask.putArray("args").add(arg);
    client.send(ask);
    return client.await(e -> isAck(e, id), WAIT);
  }

  private static boolean isAck(JsonNode e, int id) {
    return e.path("event").asText().equals("ack") && e.path("id").asInt() == id;
  }

  private static boolean isMessage(JsonNode e, String name) {
    return e.path("event").asText().equals("message") && e.path("name").asText().equals(name);
  }

  private static String textArg(JsonNode e) {
    return e.path("args").path(0).asText();
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static Chromium.Page join(Chromium.Page page, String nickname, String room) {
    page.waitFor("document.getElementById('status').textContent === 'online'", WAIT);
    page.fill("#nickname", nickname);
    page.fill("#room", room);
    page.click("#join-button");
    page.waitFor(
        "window.chat.state.room === '" + room + "' && !document.getElementById('text').disabled",
        WAIT);
    return page;
  }

  /** A JavaScript condition: the page shows an entry of this kind whose field is {@code value}. */
  private static String shown(String kind, String field, String value) {
    return "window.chat.shown.some(m => m.kind === '"
        + kind
        + "' && m."
        + field
        + " === "
        + value
        + ")";
  }

  /** Chromium, closed with the test. */
  private static final class Browser implements AutoCloseable {
    final Chromium chromium = Chromium.launch();

    @Override
    public void close() {
      chromium.close();
    }
  }
}
