package dev.sio.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Engine.IO polling server on the JDK's HTTP server, for client behaviour that a real
 * server will not show on demand (no pings, cookies, exact requests). Answers the handshake with
 * the configured ping values, answers a Socket.IO CONNECT to any namespace, holds GETs until a
 * packet is queued (or 1 s passes, then a noop) and records every request.
 */
final class FakeEngineServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final LinkedBlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
  private final List<String> requests = new CopyOnWriteArrayList<>(); // any thread
  private final List<String> cookies = new CopyOnWriteArrayList<>(); // any thread
  private final List<String> bodies = new CopyOnWriteArrayList<>(); // any thread
  private final long pingInterval;
  private final long pingTimeout;

  FakeEngineServer(long pingInterval, long pingTimeout) throws IOException {
    this.pingInterval = pingInterval;
    this.pingTimeout = pingTimeout;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<String> requests() {
    return requests;
  }

  List<String> cookies() {
    return cookies;
  }

  List<String> bodies() {
    return bodies;
  }

  /** Queues one Engine.IO packet (text form) for the next GET. */
  void push(String packet) {
    outgoing.add(packet);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
    String cookie = exchange.getRequestHeaders().getFirst("Cookie");
    if (cookie != null) {
      cookies.add(cookie);
    }
    String body;
    if ("POST".equals(exchange.getRequestMethod())) {
      String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(payload);
      for (String packet : payload.split("\u001e")) {
        if (packet.startsWith("40")) {
          String nsp = packet.length() > 2 && packet.charAt(2) == '/' ? nspOf(packet) : "";
          push("40" + nsp + "{\"sid\":\"fake-socket-id\"}");
        }
      }
      body = "ok";
    } else if (query == null || !query.contains("sid=")) {
      exchange.getResponseHeaders().add("Set-Cookie", "lb=node-1; Path=/; HttpOnly");
      body =
          "0{\"sid\":\"fake-sid\",\"upgrades\":[],\"pingInterval\":"
              + pingInterval
              + ",\"pingTimeout\":"
              + pingTimeout
              + ",\"maxPayload\":1000000}";
    } else {
      String packet;
      try {
        packet = outgoing.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        packet = null;
      }
      body = packet == null ? "6" : packet;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String nspOf(String packet) {
    int comma = packet.indexOf(',');
    return comma < 0 ? packet.substring(2) + "," : packet.substring(2, comma + 1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
