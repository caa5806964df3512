/**
 * The Netty binding's machinery: the per-connection pipeline (HTTP parsing, deadlines, body bounds,
 * WebSocket handshakes and frame rules), the event loops that are the sessions' executors, and the
 * SPI's exchange and message channel over Netty. Not API: it may change at any time.
 */
package dev.sio.engine.netty.internal;
