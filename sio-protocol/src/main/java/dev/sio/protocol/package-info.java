/**
 * Pure protocol codecs shared by the Sio server and client: no I/O, no Netty. Strings and byte
 * arrays in, packets out.
 */
package dev.sio.protocol;
