/**
 * The transport-neutral cluster adapter, socket.io-adapter's {@code ClusterAdapter} and {@code
 * ClusterAdapterWithHeartbeat}: {@link dev.sio.cluster.ClusterAdapter} holds the message set
 * (broadcasts, acks, rooms, fetchSockets, serverSideEmit, heartbeats) and a transport module (Redis
 * sharded and streams, PostgreSQL) only publishes and receives {@link
 * dev.sio.cluster.ClusterMessage}s. An SPI for adapter modules; applications use the adapter
 * factories of those modules.
 */
package dev.sio.cluster;
