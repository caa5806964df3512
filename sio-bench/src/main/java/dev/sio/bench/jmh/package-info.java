/**
 * JMH benchmarks of Sio's codecs; see {@link dev.sio.bench.jmh.ParserBenchmark} for the command.
 */
package dev.sio.bench.jmh;
