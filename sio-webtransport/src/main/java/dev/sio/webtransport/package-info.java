/**
 * Engine.IO over WebTransport (HTTP/3 on QUIC) beside an {@link dev.sio.engine.netty.HttpListener}:
 * {@link dev.sio.webtransport.WebTransportListener}, its {@link
 * dev.sio.webtransport.WebTransportOptions}, and {@link dev.sio.webtransport.EphemeralCertificate}
 * for browsers that pin a short-lived certificate by its hash.
 */
package dev.sio.webtransport;
