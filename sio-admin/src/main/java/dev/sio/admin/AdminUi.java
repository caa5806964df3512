package dev.sio.admin;

import dev.sio.admin.internal.AdminCommands;
import dev.sio.admin.internal.AdminObserver;
import dev.sio.admin.internal.AdminProtocol;
import dev.sio.admin.internal.LoginMiddleware;
import dev.sio.admin.internal.SocketSerializer;
import dev.sio.admin.internal.UiRoute;
import dev.sio.server.Namespace;
import dev.sio.server.RemoteSocket;
import dev.sio.server.Socket;
import dev.sio.server.SocketIoServer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of {@code @socket.io/admin-ui} 0.5.1 for a {@link SocketIoServer} (Node's {@code
 * instrument(io, opts)}): an admin namespace with its login, the events the UI listens to ({@code
 * config}, {@code session}, {@code server_stats} every 2 s, {@code all_sockets}, {@code
 * socket_connected}, {@code socket_updated}, {@code socket_disconnected}, {@code room_joined},
 * {@code room_left}, {@code event_received}, {@code event_sent}) and its commands ({@code emit},
 * {@code join}, {@code leave}, {@code _disconnect}), with the same payloads; and the UI itself,
 * served from the jar at {@link AdminOptions#uiPath()}.
 *
 * <p>On a cluster adapter (Redis), the admin namespace's events go to every server's admin sockets
 * and {@code all_sockets} is fetched across the cluster, so one UI sees every server.
 *
 * <pre>{@code
 * AdminUi admin = AdminUi.instrument(io, AdminOptions.builder()
 *     .auth(AdminAuth.basic("admin", AdminAuth.hash("changeit")))
 *     .build());
 * // http://localhost:3000/admin/ : server URL http://localhost:3000, user admin
 * }</pre>
 */
public final class AdminUi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminUi.class);

  private final SocketIoServer io;
  private final AdminOptions options;
  private final Namespace admin;
  private final AdminObserver observer;
  private final LoginMiddleware login; // null without authentication
  private final List<String> features;
  private final Map<String, Object> baseStats;
  // Owned here: the server_stats timer, one daemon thread; stopped by close().
  private final ScheduledExecutorService stats;

  private AdminUi(SocketIoServer io, AdminOptions options) {
    this.io = io;
    this.options = options;
    this.admin = io.of(options.namespaceName());
    boolean verbose = options.mode() == AdminMode.DEVELOPMENT;
    this.observer = new AdminObserver(admin, verbose);
    this.features = features(options);
    String hostname = hostname();
    this.baseStats = new LinkedHashMap<>();
    baseStats.put("serverId", options.serverId() != null ? options.serverId() : hostname);
    baseStats.put("hostname", hostname);
    baseStats.put("pid", ProcessHandle.current().pid());
    if (options.auth().disabled()) {
      LOG.warn("admin UI: authentication is disabled, please use with caution");
      this.login = null;
    } else {
      this.login = new LoginMiddleware(options.auth(), options.store(), options.maxPendingLogins());
      admin.use(login);
    }
    AdminCommands commands = new AdminCommands(io);
    admin.onConnection(
        socket -> {
          String sessionId = login == null ? null : login.takeSession(socket);
          if (sessionId != null) {
            socket.emit(AdminProtocol.SESSION, sessionId);
          }
          if (options.readonly()) {
            AdminCommands.refuseAll(socket);
          } else {
            commands.register(socket);
          }
          socket.emit(AdminProtocol.CONFIG, Map.of("supportedFeatures", features));
          if (verbose) {
            sendAllSockets(socket);
          }
        });
    io.instrument(observer);
    if (options.uiPath() != null && io.listener() != null) {
      if (UiRoute.available()) {
        String path = options.uiPath();
        io.listener().route(path.substring(0, path.length() - 1), new UiRoute(path));
      } else {
        LOG.warn(
            "admin UI files are missing from the classpath; {} is not served", options.uiPath());
      }
    }
    this.stats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sio-admin-stats");
              t.setDaemon(true);
              return t;
            });
    long every = options.statsInterval().toMillis();
    stats.scheduleAtFixedRate(this::emitStats, 0, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Instruments {@code io}: creates the admin namespace, observes the server and serves the UI.
   * Call it before {@link SocketIoServer#start()} so that the UI's route is in place.
   *
   * @param io the server
   * @param options the options
   * @return the admin UI, to close when the server closes
   */
  public static AdminUi instrument(SocketIoServer io, AdminOptions options) {
    return new AdminUi(io, options);
  }

  /** {@return the admin namespace} */
  public Namespace namespace() {
    return admin;
  }

  /** {@return the features this server announces in {@code config}} */
  public List<String> supportedFeatures() {
    return features;
  }

  private static List<String> features(AdminOptions options) {
    List<String> features = new ArrayList<>();
    if (!options.readonly()) {
      features.addAll(
          List.of(
              AdminProtocol.EMIT,
              AdminProtocol.JOIN,
              AdminProtocol.LEAVE,
              AdminProtocol.DISCONNECT,
              AdminProtocol.MJOIN,
              AdminProtocol.MLEAVE,
              AdminProtocol.MDISCONNECT));
    }
    features.add(AdminProtocol.AGGREGATED_EVENTS);
    if (options.mode() == AdminMode.DEVELOPMENT) {
      features.add(AdminProtocol.ALL_EVENTS);
    }
    return List.copyOf(features);
  }

  private void sendAllSockets(Socket socket) {
    List<CompletableFuture<List<Map<String, Object>>>> parts = new ArrayList<>();
    for (String name : io.namespaceNames()) {
      Namespace nsp = io.of(name);
      parts.add(
          nsp.fetchSockets()
              .thenApply(
                  sockets -> {
                    List<Map<String, Object>> out = new ArrayList<>(sockets.size());
                    for (RemoteSocket s : sockets) {
                      out.add(SocketSerializer.serialize(s, name));
                    }
                    return out;
                  })
              .exceptionally(
                  e -> {
                    LOG.warn("admin UI: fetchSockets of {} failed", name, e);
                    return List.of(); // the others are still shown (Node shows none)
                  }));
    }
    CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
        .thenRun(
            () -> {
              List<Map<String, Object>> all = new ArrayList<>();
              parts.forEach(p -> all.addAll(p.join()));
              socket.emit(AdminProtocol.ALL_SOCKETS, all);
            });
  }

  private void emitStats() {
    try {
      List<Map<String, Object>> namespaces = new ArrayList<>();
      for (String name : io.namespaceNames()) {
        Map<String, Object> nsp = new LinkedHashMap<>();
        nsp.put("name", name);
        nsp.put("socketsCount", io.of(name).sockets().size());
        namespaces.add(nsp);
      }
      Map<String, Object> payload = new LinkedHashMap<>(baseStats);
      payload.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
      if (io.engine() != null) {
        payload.put("clientsCount", io.engine().clientsCount());
      }
      payload.put("pollingClientsCount", observer.pollingClientsCount());
      payload.put("aggregatedEvents", observer.drainEvents());
      payload.put("namespaces", namespaces);
      admin.emit(AdminProtocol.SERVER_STATS, payload);
    } catch (RuntimeException e) {
      LOG.warn("admin UI: server_stats failed", e);
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "localhost";
    }
  }

  /** Stops the stats timer and the login thread. The namespace stays until the server closes. */
  @Override
  public void close() {
    stats.shutdownNow();
    if (login != null) {
      login.close();
    }
  }
}
