/**
 * What a binding implements to host the Engine.IO session layer on an I/O model (Netty today): the
 * request body it read, and the response headers the core hands it. Application code does not need
 * these types; they are for the modules that adapt one HTTP stack to the sessions.
 */
package dev.sio.engine.spi;
