/**
 * The Engine.IO server's machinery: the per-connection HTTP handler, endpoints, sessions, the
 * polling and WebSocket transports, CORS and compression. Not API: it may change at any time.
 */
package dev.sio.engine.internal;
