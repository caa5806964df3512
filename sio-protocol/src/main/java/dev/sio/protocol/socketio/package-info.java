/**
 * Socket.IO v5 packets ({@link dev.sio.protocol.socketio.SocketPacket}), the {@link
 * dev.sio.protocol.socketio.Parser} interface and the default parser {@link
 * dev.sio.protocol.socketio.JsonParser}, wire-identical to Node's socket.io-parser.
 */
package dev.sio.protocol.socketio;
