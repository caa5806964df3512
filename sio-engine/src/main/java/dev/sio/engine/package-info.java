/**
 * The Engine.IO v4 server on Netty: HTTP long-polling, WebSocket, upgrades, heartbeats. Reaches the
 * layer above only through {@link dev.sio.engine.EngineHandler}.
 */
package dev.sio.engine;
