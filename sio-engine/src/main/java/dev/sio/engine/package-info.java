/**
 * The Engine.IO v4 session core, free of any I/O library: HTTP long-polling, WebSocket, upgrades,
 * heartbeats. Reaches the layer above only through {@link dev.sio.engine.EngineHandler}, and its
 * I/O only through a binding ({@link dev.sio.engine.spi}); the Netty binding, {@code
 * dev.sio.engine.netty.HttpListener}, is in the sio-engine-netty module.
 */
package dev.sio.engine;
