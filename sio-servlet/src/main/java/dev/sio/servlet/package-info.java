/**
 * Sio in a Servlet 6 container: {@link dev.sio.servlet.ServletEngineHost} hosts Engine.IO (and so
 * Socket.IO, through {@code SocketIoServer.attach(host, options)}) on the container's port, with
 * {@link dev.sio.servlet.ServletHostOptions} for its loops and bounds.
 */
package dev.sio.servlet;
