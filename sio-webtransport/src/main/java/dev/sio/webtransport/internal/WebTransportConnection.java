package dev.sio.webtransport.internal;

import dev.sio.engine.netty.HttpListener;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.handler.codec.quic.QuicChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One QUIC connection's WebTransport state: its sessions by CONNECT stream id, and whether the
 * client's SETTINGS arrived (the draft: no WebTransport request is processed before them). Every
 * field and method: the connection's event loop.
 */
final class WebTransportConnection {
  private final QuicChannel quic;
  private final HttpListener http;
  private final ListenerConfig config;
  private final Map<Long, WebTransportSession> sessions = new HashMap<>(); // the loop
  private Http3SettingsFrame peerSettings; // the loop: null until they arrived
  private List<Runnable> awaitingSettings = new ArrayList<>(); // the loop; null once settled
  private ScheduledFuture<?> settingsTimer; // the loop

  WebTransportConnection(QuicChannel quic, HttpListener http, ListenerConfig config) {
    this.quic = quic;
    this.http = http;
    this.config = config;
  }

  QuicChannel quic() {
    return quic;
  }

  HttpListener http() {
    return http;
  }

  ListenerConfig config() {
    return config;
  }

  /** The client's SETTINGS arrived (first frame of its control stream). */
  void onPeerSettings(Http3SettingsFrame settings) {
    peerSettings = settings;
    settle();
  }

  /** {@return the client's SETTINGS, or null before they arrived} */
  Http3SettingsFrame peerSettings() {
    return peerSettings;
  }

  /**
   * Runs {@code task} once the client's SETTINGS are known, or once {@code settingsTimeout} passed
   * without them ({@link #peerSettings} then stays null).
   */
  void afterSettings(Runnable task) {
    if (awaitingSettings == null) {
      task.run();
      return;
    }
    awaitingSettings.add(task);
    if (settingsTimer == null) {
      settingsTimer =
          quic.eventLoop()
              .schedule(this::settle, config.settingsTimeoutMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void settle() {
    if (settingsTimer != null) {
      settingsTimer.cancel(false);
      settingsTimer = null;
    }
    List<Runnable> tasks = awaitingSettings;
    awaitingSettings = null;
    if (tasks != null) {
      tasks.forEach(Runnable::run);
    }
  }

  void add(WebTransportSession session) {
    sessions.put(session.id(), session);
  }

  /** {@return the session of CONNECT stream {@code id}, or null} */
  WebTransportSession session(long id) {
    return sessions.get(id);
  }

  /** A session ended; the connection closes once its last one ended after a server close. */
  void remove(WebTransportSession session, boolean closeConnection) {
    sessions.remove(session.id(), session);
    if (closeConnection && sessions.isEmpty() && quic.isActive()) {
      quic.close(true, 0, Unpooled.EMPTY_BUFFER);
    }
  }

  /**
   * The listener stops: each session closes as a server close does (capsule, FIN, then the QUIC
   * connection once the client answered or {@code closeTimeout} passed); without sessions the
   * connection closes at once.
   */
  void closeGracefully() {
    if (sessions.isEmpty()) {
      if (quic.isActive()) {
        quic.close(true, 0, Unpooled.EMPTY_BUFFER);
      }
      return;
    }
    List.copyOf(sessions.values()).forEach(WebTransportSession::close);
  }

  /** {@return the open sessions} */
  int sessionCount() {
    return sessions.size();
  }
}
