/**
 * The codecs the cluster adapters share (JSON as {@code JSON.stringify} writes it, msgpack as
 * notepack.io does, broadcast options, packets and sockets on the wire), the pending requests and
 * the known nodes. Used by Sio's adapter modules; not a public API.
 */
package dev.sio.cluster.internal;
