/**
 * The adapter behind {@link dev.sio.postgres.PostgresAdapterFactory}: the LISTEN and publishing
 * connections with their threads, the notification and attachment codecs. Not a public API.
 */
package dev.sio.postgres.internal;
