/**
 * The wire codecs (msgpack as notepack.io writes it, JSON as {@code JSON.stringify} does, the
 * classic and ClusterAdapter message sets, stream entries, stored sessions) and the adapters behind
 * {@link dev.sio.redis.RedisAdapterFactory}. Not a public API.
 */
package dev.sio.redis.internal;
