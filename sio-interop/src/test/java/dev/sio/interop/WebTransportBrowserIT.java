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
 * Engine.IO over WebTransport with the real browser: the chat demo ({@code ./sio demo
 * --webtransport}) in headless Chromium, whose official client pins the demo's certificate by the
 * hash it reads from {@code /webtransport.json} (docs/design/WEBTRANSPORT.md §7 step 6). The page
 * is {@code http://127.0.0.1:<port>/}, not localhost: Chromium connects to the first address it
 * resolves, and the UDP socket is on 127.0.0.1 only.
 */
@Timeout(180)
class WebTransportBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private DemoServer demo;
  private Chromium browser;

  @BeforeEach
  void start() {
    demo = DemoServer.start("127.0.0.1", 0, null, null, null, false, false, true);
    browser = Chromium.launch();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    demo.close();
  }

  private String url() {
    return "http://127.0.0.1:" + demo.port() + "/";
  }

  @Test
  void twoUsersChatOverWebTransportTextAndBinary() throws Exception {
    Chromium.Page ann = join(browser.open("ann", url()), "ann", "lobby");
    Chromium.Page bob = join(browser.open("bob", url()), "bob", "lobby");
    assertThat(ann.evaluate("socket.io.engine.transport.name").asText()).isEqualTo("webtransport");
    assertThat(bob.evaluate("socket.io.engine.transport.name").asText()).isEqualTo("webtransport");
    ann.waitFor("[...document.querySelectorAll('#members li')].length === 2", WAIT);

    ann.fill("#text", "hello over quic");
    ann.click("#send-button");
    bob.waitFor(shown("message", "hello over quic", "ann"), WAIT);
    ann.waitFor(shown("message", "hello over quic", "ann"), WAIT); // its own, after the ack
    bob.fill("#text", "and back");
    bob.press("#text", "Enter");
    ann.waitFor(shown("message", "and back", "bob"), WAIT);

    byte[] png = png(); // binary both ways: up as an attachment, down to ann
    bob.setInputFile("#image", "square.png", "image/png", png);
    ann.waitFor(
        "window.chat.shown.some(m => m.kind === 'image' && m.from === 'bob' && m.size === "
            + png.length
            + ")",
        WAIT);
    ann.waitFor(
        "[...document.querySelectorAll('#messages img')].some(i => i.complete && i.naturalWidth === 40)",
        WAIT);
    ann.screenshot("webtransport-chat-ann");
    assertThat(browser.consoleLog()).doesNotContain("ERROR");
  }

  @Test
  void pollingUpgradesToWebTransportAndTheDefaultsFavourIt() {
    Chromium.Page page = browser.open("p", url());
    page.waitFor("document.getElementById('status').textContent === 'online'", WAIT);
    String hash =
        "fetch('/webtransport.json').then(r => r.json()).then(j =>"
            + " Uint8Array.from(atob(j.hash), c => c.charCodeAt(0)))";
    for (String[] c :
        new String[][] {
          {"up", "['polling', 'webtransport']"},
          {"defaults", "['polling', 'websocket', 'webtransport']"}
        }) {
      page.evaluate(
          hash
              + ".then(value => { window."
              + c[0]
              + " = io({ forceNew: true, transports: "
              + c[1]
              + ", transportOptions: { webtransport: { serverCertificateHashes:"
              + " [{ algorithm: 'sha-256', value }] } } });"
              + " window."
              + c[0]
              + ".io.on('open', () => window."
              + c[0]
              + ".io.engine.on('upgrade', t => window."
              + c[0]
              + "Upgrade = t.name)); return true; })");
      page.waitFor("window." + c[0] + "Upgrade !== undefined", WAIT);
      assertThat(page.evaluate("window." + c[0] + "Upgrade").asText())
          .as(c[0])
          .isEqualTo("webtransport");
      page.waitFor("window." + c[0] + ".connected", WAIT);
      assertThat(page.evaluate("window." + c[0] + ".io.engine.transport.name").asText())
          .isEqualTo("webtransport");
    }
    assertThat(browser.consoleLog()).doesNotContain("ERROR");
    // engine.io-client 6.6 leaves the stream's pending read unhandled when the session closes: a
    // disconnect logs "The session is closed." as a page error, whichever side closes
    page.evaluate("window.up.disconnect() && window.defaults.disconnect() && true");
  }

  @Test
  void withTheUdpSocketClosedThePageFallsBackToPollingAndWebSocket() {
    demo.webTransport().close(); // the hash is still served: the page tries WebTransport first
    Chromium.Page page = join(browser.open("late", url()), "late", "lobby");
    page.waitFor("socket.io.engine.transport.name === 'websocket'", WAIT); // polling, upgraded
    page.fill("#text", "no quic here");
    page.click("#send-button");
    page.waitFor(shown("message", "no quic here", "late"), WAIT);
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

  private static String shown(String kind, String text, String from) {
    return "window.chat.shown.some(m => m.kind === '"
        + kind
        + "' && m.from === '"
        + from
        + "' && m.text === '"
        + text
        + "')";
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
