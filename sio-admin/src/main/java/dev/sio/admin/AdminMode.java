package dev.sio.admin;

/** How much the admin namespace tells the UI ({@code mode} of {@code @socket.io/admin-ui}). */
public enum AdminMode {
  /** Every socket, room and event, one by one, and the aggregated counts (the default). */
  DEVELOPMENT,
  /** Only the aggregated counts and the server stats, for busy servers. */
  PRODUCTION
}
