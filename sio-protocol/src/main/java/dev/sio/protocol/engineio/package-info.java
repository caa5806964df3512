/**
 * Engine.IO v4 packets, the HTTP long-polling payload codec and the WebTransport stream framing.
 */
package dev.sio.protocol.engineio;
