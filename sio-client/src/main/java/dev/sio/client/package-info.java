/**
 * The Sio client: {@link dev.sio.client.SocketIoClient} connects, a {@link dev.sio.client.Manager}
 * holds one connection with reconnection, a {@link dev.sio.client.Socket} talks to one namespace.
 * Options are built with {@link dev.sio.client.ClientOptions#builder()}.
 */
package dev.sio.client;
