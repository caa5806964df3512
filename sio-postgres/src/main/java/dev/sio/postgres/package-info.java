/**
 * The PostgreSQL adapter ({@link dev.sio.postgres.PostgresAdapterFactory}) and emitter ({@link
 * dev.sio.postgres.PostgresEmitter}), wire-compatible with {@code @socket.io/postgres-adapter} 0.5
 * and {@code @socket.io/postgres-emitter} 0.1: Sio and Node servers share one cluster through
 * {@code LISTEN}/{@code NOTIFY} and an attachments table, with pgjdbc.
 */
package dev.sio.postgres;
