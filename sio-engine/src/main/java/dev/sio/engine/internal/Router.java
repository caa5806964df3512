package dev.sio.engine.internal;

import dev.sio.engine.HttpRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one listener serves: Engine.IO endpoints and plain routes, by path prefix. Copy-on-write:
 * read by every connection's event loop, changed rarely by any thread.
 */
public final class Router {
  /**
   * A route under a path prefix.
   *
   * @param failed set once the route has thrown, so that a failing route is logged once
   */
  public record PrefixRoute(String prefix, HttpRoute route, AtomicBoolean failed) {
    PrefixRoute(String prefix, HttpRoute route) {
      this(prefix, route, new AtomicBoolean());
    }
  }

  private volatile List<EngineEndpoint> endpoints = List.of(); // copy-on-write
  private volatile List<PrefixRoute> routes = List.of(); // copy-on-write, longest prefix first

  /** Adds {@code endpoint}; its path must not be taken. */
  public synchronized void add(EngineEndpoint endpoint) {
    for (EngineEndpoint e : endpoints) {
      if (e.options().path().equals(endpoint.options().path())) {
        throw new IllegalStateException(
            "an Engine.IO endpoint already serves " + endpoint.options().path());
      }
    }
    List<EngineEndpoint> next = new ArrayList<>(endpoints);
    next.add(endpoint);
    next.sort(
        Comparator.comparingInt((EngineEndpoint e) -> e.options().path().length()).reversed());
    endpoints = List.copyOf(next);
  }

  /** Removes {@code endpoint}. */
  public synchronized void remove(EngineEndpoint endpoint) {
    List<EngineEndpoint> next = new ArrayList<>(endpoints);
    next.remove(endpoint);
    endpoints = List.copyOf(next);
  }

  /** Adds a route under {@code prefix}. */
  public synchronized void add(String prefix, HttpRoute route) {
    List<PrefixRoute> next = new ArrayList<>(routes);
    next.add(new PrefixRoute(prefix, route));
    next.sort(Comparator.comparingInt((PrefixRoute r) -> r.prefix().length()).reversed());
    routes = List.copyOf(next);
  }

  /** The endpoint whose path prefixes {@code uri}, or {@code null}. */
  public EngineEndpoint endpoint(String uri) {
    for (EngineEndpoint e : endpoints) {
      if (e.matches(uri)) {
        return e;
      }
    }
    return null;
  }

  /** All endpoints. */
  public List<EngineEndpoint> endpoints() {
    return endpoints;
  }

  /** Routes whose prefix starts {@code path}, longest first. */
  public List<PrefixRoute> routes(String path) {
    List<PrefixRoute> all = routes;
    if (all.isEmpty()) {
      return List.of();
    }
    List<PrefixRoute> out = new ArrayList<>(2);
    for (PrefixRoute r : all) {
      if (path.startsWith(r.prefix())) {
        out.add(r);
      }
    }
    return out;
  }

  /** True when some endpoint offers permessage-deflate. */
  public boolean anyDeflate() {
    for (EngineEndpoint e : endpoints) {
      if (e.options().perMessageDeflate()) {
        return true;
      }
    }
    return false;
  }
}
