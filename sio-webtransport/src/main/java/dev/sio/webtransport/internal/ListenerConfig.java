package dev.sio.webtransport.internal;

/**
 * The timers of a WebTransport listener, as its options give them.
 *
 * @param settingsTimeoutMillis how long a CONNECT waits for the client's SETTINGS
 * @param closeTimeoutMillis how long a server close waits for the client's FIN before the QUIC
 *     connection is closed
 */
public record ListenerConfig(long settingsTimeoutMillis, long closeTimeoutMillis) {}
