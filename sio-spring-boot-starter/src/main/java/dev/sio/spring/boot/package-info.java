/**
 * Spring Boot auto-configuration of a Sio {@link dev.sio.server.SocketIoServer}: {@code sio.*}
 * properties ({@link dev.sio.spring.boot.SioProperties}), handlers as beans ({@link
 * dev.sio.spring.boot.SioConnectionHandler}, {@link dev.sio.spring.boot.SocketIoConfigurer}, any
 * {@link dev.sio.server.ConnectionMiddleware}), the Micrometer meters when sio-micrometer is
 * present, and a lifecycle that stops Socket.IO before the web server's graceful shutdown.
 */
package dev.sio.spring.boot;
