/** The workings of the {@code sio} command: argument parsing and the servers it starts. */
package dev.sio.cli.internal;
