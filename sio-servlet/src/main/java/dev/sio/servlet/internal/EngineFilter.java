package dev.sio.servlet.internal;

import dev.sio.engine.HttpReply;
import dev.sio.engine.HttpRequestInfo;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.spi.BodyAdmission;
import dev.sio.engine.spi.EnginePort;
import dev.sio.engine.spi.SessionExecutor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one filter of the Servlet binding (D6), mapped to {@code /*} for {@code REQUEST} and {@code
 * ASYNC} dispatches: routes first (longest prefix), then the endpoint whose path prefixes the raw
 * request URI, else the rest of the chain (the application). Polling requests go async and reach
 * the port once their body is read, a session's in the order they entered ({@link RequestOrder});
 * WebSocket upgrades go through {@link ServletUpgrades}. A new session's handshake is handed to the
 * loop it will live on, so that no handler ever runs on a container thread. Thread-safe: the
 * endpoints and routes are copy-on-write.
 */
public final class EngineFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(EngineFilter.class);

  /** The most body a request other than an endpoint's POST may declare (as on Netty). */
  static final int MAX_IGNORED_BODY = 4096;

  private record PrefixRoute(String prefix, HttpRoute route, AtomicBoolean failed) {}

  private final ServletLoops loops;
  private final ServletUpgrades upgrades;
  private final RequestOrder order; // the polling requests of each session, in arrival order
  private volatile List<EnginePort> endpoints = List.of(); // copy-on-write, longest path first
  private volatile List<PrefixRoute> routes = List.of(); // copy-on-write, longest prefix first

  EngineFilter(ServletLoops loops, ServletUpgrades upgrades) {
    this.loops = loops;
    this.upgrades = upgrades;
    this.order = new RequestOrder(loops::next);
  }

  /** Serves {@code port}; its path must not be taken. */
  synchronized void add(EnginePort port) {
    for (EnginePort e : endpoints) {
      if (e.options().path().equals(port.options().path())) {
        throw new IllegalStateException(
            "an Engine.IO endpoint already serves " + port.options().path());
      }
    }
    List<EnginePort> next = new ArrayList<>(endpoints);
    next.add(port);
    next.sort(Comparator.comparingInt((EnginePort e) -> e.options().path().length()).reversed());
    endpoints = List.copyOf(next);
  }

  /** Stops serving {@code port}. */
  synchronized void remove(EnginePort port) {
    List<EnginePort> next = new ArrayList<>(endpoints);
    next.remove(port);
    endpoints = List.copyOf(next);
  }

  /** {@return the endpoints served} */
  List<EnginePort> endpoints() {
    return endpoints;
  }

  /** Serves {@code route} under {@code prefix}. */
  synchronized void add(String prefix, HttpRoute route) {
    List<PrefixRoute> next = new ArrayList<>(routes);
    next.add(new PrefixRoute(prefix, route, new AtomicBoolean()));
    next.sort(Comparator.comparingInt((PrefixRoute r) -> r.prefix().length()).reversed());
    routes = List.copyOf(next);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest req)
        || !(response instanceof HttpServletResponse resp)) {
      chain.doFilter(request, response);
      return;
    }
    if (req.getDispatcherType() == DispatcherType.ASYNC) {
      if (req.getAttribute(ServletUpgrades.VERDICT) instanceof ServletUpgrades.Decided d) {
        req.removeAttribute(ServletUpgrades.VERDICT);
        upgrades.finish(d, req, resp);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    String rawPath = req.getRequestURI();
    String query = req.getQueryString();
    String uri = query == null ? rawPath : rawPath + "?" + query;
    EnginePort port = endpoint(uri);
    List<PrefixRoute> all = routes;
    if (port == null && all.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String upgrade = req.getHeader("Upgrade");
    boolean webSocket = upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    HttpRequestInfo info = ServletRequestInfos.of(req);
    // a session's polling requests take their place in its line first (RequestOrder)
    String sid = port == null || webSocket ? null : info.queryParam("sid");
    RequestOrder.Ticket ticket = sid == null ? null : order.take(sid);
    boolean handed = false;
    try {
      for (PrefixRoute r : all) {
        if (info.path().startsWith(r.prefix()) && route(r, info, req, resp)) {
          return;
        }
      }
      if (port == null) {
        chain.doFilter(request, response);
        return;
      }
      if (webSocket) {
        upgrades.start(port, req, resp, info);
        return;
      }
      handed = true;
      poll(port, req, resp, info, ticket);
    } finally {
      if (ticket != null && !handed) {
        ticket.cancel();
      }
    }
  }

  private EnginePort endpoint(String uri) {
    for (EnginePort e : endpoints) {
      if (e.matches(uri)) {
        return e;
      }
    }
    return null;
  }

  /** {@return true when {@code r} answered} */
  private boolean route(
      PrefixRoute r, HttpRequestInfo info, HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    HttpReply reply;
    try {
      reply = r.route().handle(info);
    } catch (RuntimeException e) {
      if (r.failed().compareAndSet(false, true)) {
        log.warn("HTTP route {} failed (logged once; later failures at debug)", r.prefix(), e);
      } else {
        log.debug("HTTP route {} failed", r.prefix(), e);
      }
      resp.setStatus(500);
      resp.setContentLength(0);
      return true;
    }
    if (reply == null) {
      return false;
    }
    ServletAnswers.write(req, resp, reply);
    return true;
  }

  /**
   * A polling request, a handshake or a preflight: async, body read, then to the port in its
   * session's order ({@code ticket}, null for none; ended here when the request fails or is
   * refused).
   */
  private void poll(
      EnginePort port,
      HttpServletRequest req,
      HttpServletResponse resp,
      HttpRequestInfo info,
      RequestOrder.Ticket ticket)
      throws IOException {
    boolean handed = false;
    try {
      long declared = req.getContentLengthLong();
      if (!"POST".equals(info.method())) {
        if (declared > MAX_IGNORED_BODY) { // as on Netty: answered at once, the body dropped
          BodyDrain.refuse(req, resp, 413, null, loops.next());
          return;
        }
        AsyncContext async = req.startAsync();
        ServletPollExchange exchange = new ServletPollExchange(async, resp, info, loops::next);
        handed = true;
        dispatch(port, exchange, ticket);
        return;
      }
      BodyAdmission admission = port.admitBody(info, declared);
      if (admission.refusalStatus() != 0) {
        int status = admission.refusalStatus();
        if (status == 413) { // queued on the loop before the client can read the answer
          admission.fail("payload too large");
        }
        BodyDrain.refuse(req, resp, status, admission.refusalHeaders(), loops.next());
        return;
      }
      AsyncContext async = req.startAsync();
      ServletPollExchange exchange = new ServletPollExchange(async, resp, info, loops::next);
      var in = req.getInputStream();
      BodyReader reader =
          new BodyReader(port, exchange, admission, async, in, declared, ticket, loops.next());
      handed = true;
      in.setReadListener(reader);
    } finally {
      if (ticket != null && !handed) {
        ticket.cancel();
      }
    }
  }

  /**
   * Hands a complete request to the port: a session's in its order ({@code ticket}, when it has
   * one); a request without a session (a handshake) to the loop its session will get, so the
   * session opens and its handler runs there (the core hops a session's requests itself).
   */
  static void dispatch(EnginePort port, ServletPollExchange exchange, RequestOrder.Ticket ticket) {
    if (ticket != null) {
      ticket.ready(() -> port.handleRequest(exchange));
      return;
    }
    if (exchange.request().queryParam("sid") != null) {
      port.handleRequest(exchange);
      return;
    }
    SessionExecutor loop = exchange.executor();
    loop.execute(() -> port.handleRequest(exchange));
  }
}
