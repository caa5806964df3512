/** Internals of the msgpack parser: tree reading and writing, packet checks. Not API. */
package dev.sio.msgpack.internal;
