/**
 * The Redis wire codecs (the classic and ClusterAdapter message sets, stream entries, stored
 * sessions) and the adapters behind {@link dev.sio.redis.RedisAdapterFactory}. Not a public API.
 */
package dev.sio.redis.internal;
