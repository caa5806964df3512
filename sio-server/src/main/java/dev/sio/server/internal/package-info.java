/** Internals of the Socket.IO server: ids, timers, the recovery store, the client bundle route. */
package dev.sio.server.internal;
