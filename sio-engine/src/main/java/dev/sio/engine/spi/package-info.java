/**
 * What a binding implements to host the Engine.IO session layer on an I/O model (Netty today: the
 * sio-engine-netty module, whose {@code dev.sio.engine.netty.HttpListener} is the one binding): the
 * {@link dev.sio.engine.spi.SessionExecutor} that owns a session, the request body it read, and the
 * response headers the core hands it. WebSocket: the binding implements {@link
 * dev.sio.engine.spi.MessageChannel}; the core implements {@link
 * dev.sio.engine.spi.WebSocketInbound}. Application code does not need these types.
 */
package dev.sio.engine.spi;
