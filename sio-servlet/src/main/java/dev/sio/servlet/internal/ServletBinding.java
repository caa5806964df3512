package dev.sio.servlet.internal;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import dev.sio.engine.HttpRoute;
import dev.sio.engine.spi.EnginePort;
import dev.sio.servlet.ServletHostOptions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a {@code ServletEngineHost} holds: its loops, its closer thread, its filter and its
 * endpoints. The budget of an unset {@code maxTotalBufferedBytes} is half the heap (the Outbox
 * holds heap frames). Thread-safe; changes are under this object's monitor.
 */
public final class ServletBinding {
  private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

  private final ServletLoops loops;
  private final ServletCloser closer = new ServletCloser();
  private final EngineFilter filter;
  private final List<EnginePort> ports = new ArrayList<>(); // monitor
  private boolean closed; // monitor

  private ServletBinding(ServletContext context, ServletHostOptions options) {
    this.loops = new ServletLoops(options.loopThreads());
    ServletUpgrades upgrades =
        new ServletUpgrades(
            loops, closer, options, () -> (ServerContainer) context.getAttribute(SERVER_CONTAINER));
    this.filter = new EngineFilter(loops, upgrades);
  }

  /** Registers the filter in {@code context} and starts the loops. */
  public static ServletBinding install(ServletContext context, ServletHostOptions options) {
    ServletBinding b = new ServletBinding(context, options);
    FilterRegistration.Dynamic reg = context.addFilter(options.filterName(), b.filter);
    if (reg == null) {
      b.loops.shutdown(0);
      throw new IllegalStateException(
          "a filter named " + options.filterName() + " is already registered");
    }
    reg.setAsyncSupported(true);
    reg.addMappingForUrlPatterns(
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    return b;
  }

  /** A new endpoint for {@code options.path()}. */
  public synchronized EnginePort attach(EngineOptions options, EngineHandler handler) {
    if (closed) {
      throw new IllegalStateException("host is closed");
    }
    EnginePort port = EnginePort.create(options, handler, Runtime.getRuntime().maxMemory() / 2);
    filter.add(port);
    ports.add(port);
    return port;
  }

  /**
   * Closes {@code port}'s sessions, then stops serving it: until they have closed, a polling
   * client's next GET still reaches its session and gets the close packet (not the application's
   * 404); the closed port refuses new sessions meanwhile.
   */
  public CompletableFuture<Void> detach(EnginePort port) {
    synchronized (this) {
      ports.remove(port);
    }
    return port.close().whenComplete((v, t) -> filter.remove(port));
  }

  /** Serves {@code route} under {@code prefix}. */
  public void route(String prefix, HttpRoute route) {
    filter.add(prefix, route);
  }

  /** {@return true on one of the loops} */
  public boolean onLoop() {
    return loops.onLoop();
  }

  /** Closes the endpoints, then the loops and the closer. */
  public void close() {
    List<EnginePort> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(ports);
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (EnginePort p : toClose) {
      done.add(detach(p));
    }
    if (onLoop()) { // a handler asked: the sessions close on their loops; stop without waiting
      loops.shutdown(0);
      return;
    }
    try {
      CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // sessions that did not close in time end with the loops
    }
    closer.shutdown(2_000);
    loops.shutdown(2_000);
  }
}
