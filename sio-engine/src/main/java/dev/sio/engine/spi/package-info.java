/**
 * What a binding implements so that Engine.IO sessions can run on its I/O: today the {@link
 * dev.sio.engine.spi.SessionExecutor} that owns a session. The Netty listener ({@link
 * dev.sio.engine.HttpListener}) is the one binding; applications do not implement these types.
 *
 * <p>WebSocket: the binding implements {@link dev.sio.engine.spi.MessageChannel}; the core
 * implements {@link dev.sio.engine.spi.WebSocketInbound}.
 */
package dev.sio.engine.spi;
