/**
 * The {@code sio} command line tool: the chat demo server, the conformance fixture for the official
 * protocol test suites, and an interactive client. Start it with {@link dev.sio.cli.Main} or the
 * {@code ./sio} launcher at the root of the repository.
 */
package dev.sio.cli;
