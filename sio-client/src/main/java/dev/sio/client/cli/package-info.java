/**
 * The client side of the {@code sio connect} command: {@link dev.sio.client.cli.ConnectCommand}.
 */
package dev.sio.client.cli;
