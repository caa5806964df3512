package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.cli.internal.DemoServer;
import dev.sio.client.ClientOptions;
import dev.sio.client.Socket;
import dev.sio.client.SocketIoClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real admin UI (npm {@code @socket.io/admin-ui}'s {@code ui/dist}, served by Sio at {@code
 * /admin/}) in headless Chromium against {@code ./sio demo --admin ops:pw}: wrong credentials are
 * refused with admin-ui's message, the right ones show the demo's sockets and rooms, and the
 * disconnect button disconnects that client. Screenshots land in target/test-artifacts/.
 */
@Timeout(180)
class AdminUiBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String STORE = "document.querySelector('#app').__vue__.$store.state";

  private DemoServer demo;
  private Chromium browser;
  private final List<Socket> users = new ArrayList<>();

  @BeforeEach
  void start() {
    demo = DemoServer.start("127.0.0.1", 0, null, "ops", "pw", false, false);
    browser = Chromium.launch();
  }

  @AfterEach
  void stop() {
    users.forEach(Socket::close);
    if (browser != null) {
      browser.close();
    }
    demo.close();
  }

  /** A chat user in {@code room}; returns its socket once the demo answered the join. */
  private Socket user(String nickname, String room) throws Exception {
    CompletableFuture<Void> up = new CompletableFuture<>();
    Socket s =
        SocketIoClient.connect(
            URI.create("http://127.0.0.1:" + demo.port()),
            ClientOptions.builder().transports("websocket").reconnection(false).build(),
            socket -> socket.onConnect(() -> up.complete(null)));
    users.add(s);
    up.get(10, TimeUnit.SECONDS);
    s.emitWithAck("join", Map.of("room", room, "nickname", nickname)).get(10, TimeUnit.SECONDS);
    return s;
  }

  private static void login(Chromium.Page page, String serverUrl, String password) {
    page.waitFor("document.querySelector('.v-dialog input[type=password]') !== null", WAIT);
    page.fill(".v-dialog input >> nth=0", serverUrl);
    page.fill(".v-dialog input >> nth=1", "ops");
    page.fill(".v-dialog input[type=password]", password);
    page.click(".v-dialog button[type=submit]");
  }

  @Test
  void logsInShowsSocketsAndRoomsAndDisconnectsAClient() throws Exception {
    Socket ann = user("ann", "lobby");
    user("bob", "lobby");
    Socket eve = user("eve", "kitchen");
    CompletableFuture<String> eveLeft = new CompletableFuture<>();
    eve.onDisconnect(eveLeft::complete);

    String base = "http://localhost:" + demo.port();
    Chromium.Page page = browser.open("admin", base + "/admin/");

    login(page, base, "wrong");
    page.waitFor(
        "[...document.querySelectorAll('.v-dialog .red--text')]"
            + ".some(e => e.textContent.trim() === 'Invalid credentials')",
        WAIT);
    page.screenshot("admin-ui-refused");
    assertThat(page.evaluate(STORE + ".connection.connected").asBoolean()).isFalse();

    login(page, base, "pw");
    page.waitFor(STORE + ".connection.connected === true", WAIT);
    String chat = STORE + ".main.namespaces.find(n => n.name === '/')";
    page.waitFor(chat + " && " + chat + ".sockets.length === 3", WAIT);
    assertThat(page.evaluate(chat + ".sockets.map(s => s.rooms.length).sort()").toString())
        .isEqualTo("[2,2,2]"); // each its own id and its chat room
    page.waitFor(STORE + ".servers.servers.length === 1", WAIT); // server_stats arrived

    page.evaluate("location.hash = '#/sockets/'");
    page.waitFor(
        "document.querySelectorAll('table tbody tr').length === 3"
            + " && document.body.innerText.includes('"
            + ann.id()
            + "')",
        WAIT);
    page.screenshot("admin-ui-sockets");

    page.evaluate("location.hash = '#/rooms/'");
    page.waitFor(
        "document.body.innerText.includes('lobby') && document.body.innerText.includes('kitchen')",
        WAIT);
    page.screenshot("admin-ui-rooms");

    page.evaluate("location.hash = '#/sockets/'");
    page.waitFor("document.body.innerText.includes('" + eve.id() + "')", WAIT);
    page.click("tr:has-text(\"" + eve.id() + "\") button:has(.mdi-logout)");
    assertThat(eveLeft.get(10, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
    page.waitFor(chat + ".sockets.length === 2", WAIT);
    page.screenshot("admin-ui-after-disconnect");
    page.waitFor("!document.body.innerText.includes('" + eve.id() + "')", WAIT);
    assertThat(ann.connected()).isTrue();

    page.evaluate("location.hash = '#/'");
    // The dashboard's counts come from server_stats (every 2 s): wait for the one after.
    page.waitFor(
        STORE + ".servers.servers[0].namespaces.find(n => n.name === '/').socketsCount === 2",
        WAIT);
    page.waitFor(
        "[...document.querySelectorAll('tr')].some(r => /^\\/\\s+2$/.test(r.innerText.trim()))",
        WAIT);
    page.screenshot("admin-ui-dashboard");
    assertThat(browser.consoleLog()).doesNotContain("pageerror").doesNotContain(" ERROR:");
  }
}
