package dev.sio.webtransport.internal;

import io.netty.handler.codec.http3.DefaultHttp3SettingsFrame;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.http3.Http3SettingsFrame;

/**
 * The HTTP/3 SETTINGS of Sio's server (docs/design/WEBTRANSPORT.md §2.1, §10.3): extended CONNECT,
 * RFC 9297 datagrams, the WebTransport ids of draft-02 (default Chromium), draft-07 and draft-15,
 * and no QPACK dynamic table. Netty 4.2.17 drops ids it does not know unless a validator accepts
 * them, on the way out and on the way in (§10.6): both validators are here.
 */
public final class WebTransportSettings {
  private WebTransportSettings() {}

  /** {@return the server's SETTINGS frame} */
  public static Http3SettingsFrame server() {
    Http3Settings s =
        new Http3Settings((id, value) -> true)
            .enableConnectProtocol(true)
            .enableH3Datagram(true)
            .qpackMaxTableCapacity(0)
            .qpackBlockedStreams(0);
    s.put(WebTransportProtocol.SETTINGS_WEBTRANS_DRAFT02, 1L);
    s.put(WebTransportProtocol.SETTINGS_WEBTRANS_MAX_SESSIONS_DRAFT07, 1L);
    s.put(WebTransportProtocol.SETTINGS_WT_ENABLED, 1L);
    return new DefaultHttp3SettingsFrame(s);
  }

  /** {@return true for the client's non-standard settings worth keeping: the WebTransport ones} */
  public static boolean keep(long id, long value) {
    return id == WebTransportProtocol.SETTINGS_WEBTRANS_DRAFT02
        || id == WebTransportProtocol.SETTINGS_WEBTRANS_MAX_SESSIONS_DRAFT07
        || id == WebTransportProtocol.SETTINGS_WT_ENABLED
        || id == WebTransportProtocol.SETTINGS_H3_DATAGRAM_DRAFT04;
  }
}
