package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.cli.internal.DemoServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat demo ({@code ./sio demo}) in two headless Chromium pages: the page and the official
 * browser client come from our server, the two users join a room, talk both ways, see each other
 * type and exchange an image as binary. Screenshots land in target/test-artifacts/.
 */
@Timeout(180)
class ChatDemoBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private DemoServer demo;
  private Chromium browser;

  @BeforeEach
  void start() {
    demo = DemoServer.start("127.0.0.1", 0, null);
    browser = Chromium.launch();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    demo.close();
  }

  @Test
  void twoUsersChatInARoom() throws Exception {
    String url = "http://localhost:" + demo.port() + "/";
    Chromium.Page ann = join(browser.open("ann", url), "ann", "lobby");
    Chromium.Page bob = join(browser.open("bob", url), "bob", "lobby");
    ann.waitFor("[...document.querySelectorAll('#members li')].length === 2", WAIT);
    assertThat(
            ann.evaluate("[...document.querySelectorAll('#members li')].map(li => li.textContent)")
                .toString())
        .isEqualTo("[\"ann\",\"bob\"]");
    ann.waitFor(shown("system", "text", "bob joined"), WAIT);

    send(ann, "hello bob");
    bob.waitFor(shown("message", "text", "hello bob", "ann"), WAIT);
    ann.waitFor(shown("message", "text", "hello bob", "ann"), WAIT); // its own, after the ack

    bob.fill("#text", "typing something");
    ann.waitFor("document.getElementById('typing').textContent === 'bob is typing…'", WAIT);
    bob.press("#text", "Enter");
    ann.waitFor(shown("message", "text", "typing something", "bob"), WAIT);
    ann.waitFor("document.getElementById('typing').textContent === ''", WAIT);

    byte[] png = png();
    bob.setInputFile("#image", "square.png", "image/png", png);
    ann.waitFor(shown("image", "size", png.length, "bob"), WAIT);
    ann.waitFor(
        "[...document.querySelectorAll('#messages img')].some(i => i.complete && i.naturalWidth === 40)",
        WAIT);

    assertThat(ann.evaluate("socket.io.engine.transport.name").asText()).isEqualTo("websocket");
    assertThat(bob.evaluate("window.chat.shown.filter(m => m.kind === 'message').length").asInt())
        .isEqualTo(2);
    ann.screenshot("chat-demo-ann");
    bob.screenshot("chat-demo-bob");
    assertThat(browser.consoleLog()).doesNotContain("ERROR"); // no uncaught error in either page
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

  private static void send(Chromium.Page page, String text) {
    page.fill("#text", text);
    page.click("#send-button");
  }

  /** A JavaScript condition: the page shows an entry of this kind with this field value. */
  private static String shown(String kind, String field, Object value) {
    return "window.chat.shown.some(m => m.kind === '"
        + kind
        + "' && m."
        + field
        + " === "
        + (value instanceof String ? "'" + value + "'" : value)
        + ")";
  }

  private static String shown(String kind, String field, Object value, String from) {
    return shown(kind, field, value)
        .replace(" && m." + field, " && m.from === '" + from + "' && m." + field);
  }

  /** A 40×20 PNG, two colours. */
  private static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x3558d4));
    g.fillRect(0, 0, 40, 20);
    g.setColor(Color.ORANGE);
    g.fillRect(10, 5, 20, 10);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
