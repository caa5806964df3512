/**
 * The client's machinery: the event thread ({@link dev.sio.client.internal.ClientLoop}), the
 * Engine.IO session ({@link dev.sio.client.internal.EngineSocket}) with its polling and WebSocket
 * transports, the outgoing queue of a socket, backoff, cookies. Not API: may change at any time.
 */
package dev.sio.client.internal;
