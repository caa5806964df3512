/**
 * Internals of the Socket.IO parsers: JSON text writing with {@code JSON.stringify} semantics,
 * placeholder reconstruction and the payload rules shared with the msgpack parser. Not API.
 */
package dev.sio.protocol.socketio.internal;
