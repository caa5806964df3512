/** Socket.IO v5 packets and the {@link dev.sio.protocol.socketio.Parser} interface. */
package dev.sio.protocol.socketio;
