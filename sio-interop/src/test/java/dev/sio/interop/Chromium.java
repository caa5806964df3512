package dev.sio.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium ({@code /usr/bin/chromium}) driven by playwright-core through {@code
 * chromium.js}. Each {@link Page} lives in its own browser context, so two pages are two users.
 *
 * <pre>{@code
 * try (Chromium browser = Chromium.launch()) {
 *   Chromium.Page page = browser.open("a", "http://localhost:" + port + "/");
 *   page.waitFor("window.received.length > 0", Duration.ofSeconds(10));
 *   page.screenshot("echo");
 * }
 * }</pre>
 *
 * <p>Failures carry the pages' console lines and errors. Screenshots go to {@code
 * target/test-artifacts/}.
 */
public final class Chromium implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final NodeScript driver;
  private final AtomicInteger ids = new AtomicInteger();

  private Chromium(NodeScript driver) {
    this.driver = driver;
  }

  /** Starts the browser; fails with the driver's output when it cannot. */
  public static Chromium launch() {
    NodeScript driver = NodeScript.start("chromium.js");
    try {
      driver.await("ready", Duration.ofSeconds(60));
      return new Chromium(driver);
    } catch (RuntimeException | Error e) {
      driver.close();
      throw e;
    }
  }

  /** Opens {@code url} in a new page named {@code name} and waits for it to load. */
  public Page open(String name, String url) {
    ObjectNode c = NodeScript.command("open").put("page", name).put("url", url);
    JsonNode status = call(c);
    if (status.isInt() && status.asInt() >= 400) {
      throw new AssertionError("page " + name + ": " + url + " answered HTTP " + status.asInt());
    }
    return new Page(name);
  }

  /** Every console line and page error of every page so far, one per line. */
  public String consoleLog() {
    StringBuilder s = new StringBuilder();
    for (JsonNode line : driver.received()) {
      String event = line.path("event").asText();
      if (event.equals("console") || event.equals("pageerror")) {
        s.append(line.path("page").asText())
            .append(' ')
            .append(event.equals("console") ? line.path("type").asText() : "ERROR")
            .append(": ")
            .append(line.has("text") ? line.path("text").asText() : line.path("message").asText())
            .append('\n');
      }
    }
    return s.toString();
  }

  /** Closes the browser and its driver. */
  @Override
  public void close() {
    driver.close();
  }

  private JsonNode call(ObjectNode command) {
    int id = ids.incrementAndGet();
    command.put("id", id);
    driver.send(command);
    JsonNode reply =
        driver.await(
            "the reply to " + command.path("cmd").asText() + " #" + id,
            line -> line.path("event").asText().equals("reply") && line.path("id").asInt() == id,
            COMMAND_TIMEOUT);
    if (!reply.path("ok").asBoolean()) {
      throw new AssertionError(
          "chromium: "
              + command.path("cmd").asText()
              + " failed: "
              + reply.path("error").asText()
              + "\n  command: "
              + command
              + "\n  console:\n"
              + consoleLog());
    }
    return reply.path("value");
  }

  /** One page, in a browser context of its own. */
  public final class Page {
    private final String name;

    private Page(String name) {
      this.name = name;
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
    public JsonNode evaluate(String expression) {
      return call(command("eval").put("expression", expression));
    }

    /** Waits until the JavaScript expression is truthy in the page. */
    public void waitFor(String expression, Duration timeout) {
      call(command("waitFor").put("expression", expression).put("timeout", timeout.toMillis()));
    }

    /** Clicks the first element matching the CSS selector. */
    public void click(String selector) {
      call(command("click").put("selector", selector));
    }

    /** Types {@code text} into the input matching the selector (replacing its value). */
    public void fill(String selector, String text) {
      call(command("fill").put("selector", selector).put("text", text));
    }

    /** Presses a key (such as {@code "Enter"}) in the element matching the selector. */
    public void press(String selector, String key) {
      call(command("press").put("selector", selector).put("key", key));
    }

    /** Chooses a file with these bytes in the file input matching the selector. */
    public void setInputFile(String selector, String fileName, String mimeType, byte[] data) {
      ObjectNode c =
          command("setInputFiles")
              .put("selector", selector)
              .put("name", fileName)
              .put("mimeType", mimeType);
      c.putObject("data").put("$bin", Base64.getEncoder().encodeToString(data));
      call(c);
    }

    /** Saves a full-page screenshot as {@code target/test-artifacts/<name>.png}. */
    public Path screenshot(String fileName) {
      Path path = NodeScript.artifactsDir().resolve(fileName + ".png").toAbsolutePath();
      call(command("screenshot").put("path", path.toString()));
      return path;
    }

    /** Closes this page and its context. */
    public void close() {
      call(command("closePage"));
    }

    private ObjectNode command(String cmd) {
      return NodeScript.command(cmd).put("page", name);
    }
  }
}
