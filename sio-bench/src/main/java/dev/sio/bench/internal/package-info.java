/**
 * The load tool's insides: raw WebSocket and long-polling clients on Netty, the scenarios, the
 * histogram, {@code /proc} readings, fixture processes and the markdown report.
 */
package dev.sio.bench.internal;
