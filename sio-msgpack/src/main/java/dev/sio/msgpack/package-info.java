/** The msgpack Socket.IO parser, {@link dev.sio.msgpack.MsgpackParser}. */
package dev.sio.msgpack;
