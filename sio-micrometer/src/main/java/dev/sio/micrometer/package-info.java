/**
 * Micrometer meters for a Sio server: {@link dev.sio.micrometer.SioMetrics#bind} registers them
 * with any {@code MeterRegistry} (Prometheus, OTLP, …). Micrometer itself is an optional
 * dependency: the application brings the version it uses.
 */
package dev.sio.micrometer;
