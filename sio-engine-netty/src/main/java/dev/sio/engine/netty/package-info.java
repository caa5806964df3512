/**
 * The Netty binding of the Engine.IO session core: {@link dev.sio.engine.netty.HttpListener}, an
 * {@link dev.sio.engine.EngineHost} on one HTTP/1.1 + WebSocket port (optionally TLS) serving
 * Engine.IO endpoints and plain HTTP routes, and its {@link
 * dev.sio.engine.netty.HttpListenerOptions}.
 */
package dev.sio.engine.netty;
