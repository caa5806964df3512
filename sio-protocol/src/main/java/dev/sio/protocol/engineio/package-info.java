/** Engine.IO v4 packets and the HTTP long-polling payload codec. */
package dev.sio.protocol.engineio;
