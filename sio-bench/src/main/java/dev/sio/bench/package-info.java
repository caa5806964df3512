/**
 * Sio's load tool and side-by-side benchmark: {@link dev.sio.bench.LoadTool} runs one scenario
 * (connections, echo, broadcast, polling) against any server implementing the fixture contract;
 * {@link dev.sio.bench.BenchMatrix} runs every scenario against Sio and Node.js socket.io in fresh
 * processes and writes a report of ratios. See {@code docs/BENCHMARKS.md}.
 */
package dev.sio.bench;
