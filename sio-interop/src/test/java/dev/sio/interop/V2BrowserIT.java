package dev.sio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio.engine.HttpReply;
import dev.sio.engine.netty.HttpListener;
import dev.sio.engine.netty.HttpListenerOptions;
import dev.sio.server.ServerOptions;
import dev.sio.server.SocketIoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser bundle of socket.io-client 2.5.0 ({@code dist/socket.io.js}) in headless Chromium
 * against Sio with {@code allowEIO3}: it connects over polling, upgrades to WebSocket, emits an
 * event with binary that the server acknowledges, and receives the server's event.
 */
@Timeout(120)
class V2BrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String PAGE =
      """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>v2</title>
      <script src="/v2/socket.io.js"></script></head>
      <body><script>
      window.log = [];
      const socket = io({ transports: ["polling", "websocket"] });
      socket.on("connect", () => {
        window.log.push("connect " + socket.io.engine.transport.name);
        socket.emit("hello", "from v2", new Uint8Array([1, 2, 3]).buffer, (answer, bytes) => {
          window.log.push("ack " + answer + " " + Array.from(new Uint8Array(bytes)).join(","));
        });
      });
      socket.io.engine.on("upgrade", (t) => {
        window.log.push("upgrade " + t.name);
        socket.emit("which", (name) => window.log.push("after " + name));
      });
      socket.on("welcome", (text) => window.log.push("welcome " + text));
      </script></body></html>
      """;

  @Test
  void theV2BundleConnectsUpgradesAndExchangesEvents() throws IOException, InterruptedException {
    byte[] bundle =
        Files.readAllBytes(
            NodeScript.jsDir().resolve("node_modules/socket.io-client-v2/dist/socket.io.js"));
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    HttpListener listener =
        HttpListener.create(HttpListenerOptions.builder().host("127.0.0.1").port(0).build());
    listener.route(
        "/v2/",
        req ->
            req.path().equals("/v2/socket.io.js")
                ? HttpReply.ok("application/javascript", bundle)
                : HttpReply.ok("text/html; charset=utf-8", page));
    SocketIoServer io =
        SocketIoServer.attach(listener, ServerOptions.builder().allowEIO3(true).build());
    io.onConnection(
        socket -> {
          seen.add("connection " + socket.conn().protocol());
          socket.emit("welcome", "v2 browser");
          socket.on(
              "hello",
              (args, ack) -> {
                seen.add("hello " + args.get(0).asText() + " " + args.size());
                ack.send("thanks", new byte[] {9, 8});
              });
          socket.on("which", (args, ack) -> ack.send(socket.conn().transport()));
        });
    listener.start();
    try (Chromium browser = Chromium.launch()) {
      Chromium.Page p = browser.open("v2", "http://localhost:" + listener.port() + "/v2/");
      p.waitFor(
          "window.log.includes('ack thanks 9,8') && window.log.includes('upgrade websocket')"
              + " && window.log.includes('after websocket')",
          WAIT);
      JsonNode log = p.evaluate("window.log");
      assertThat(log.toString()).contains("\"connect polling\"", "\"welcome v2 browser\"");
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("connection 3");
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("hello from v2 2");
      assertThat(List.copyOf(seen)).isEmpty();
    } finally {
      io.close();
      listener.close();
    }
  }
}
