/**
 * The Engine.IO session core's machinery: endpoints, sessions, the polling and WebSocket
 * transports, upgrades, CORS and compression, with no I/O library; a binding drives them through
 * {@link dev.sio.engine.spi}. Not API: it may change at any time.
 */
package dev.sio.engine.internal;
