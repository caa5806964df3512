/**
 * The Socket.IO admin UI for Sio: {@link dev.sio.admin.AdminUi#instrument} speaks the protocol of
 * {@code @socket.io/admin-ui} 0.5.1's server side on an admin namespace, and serves the official UI
 * from the jar, so that it works without internet access.
 *
 * <pre>{@code
 * AdminUi admin = AdminUi.instrument(io, AdminOptions.builder()
 *     .auth(AdminAuth.basic("admin", "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS"))
 *     .build());
 * }</pre>
 */
package dev.sio.admin;
