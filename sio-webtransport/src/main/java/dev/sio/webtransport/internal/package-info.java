/** The HTTP/3 and WebTransport plumbing of sio-webtransport on Netty's QUIC codec; not an API. */
package dev.sio.webtransport.internal;
