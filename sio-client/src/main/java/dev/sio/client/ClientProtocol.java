package dev.sio.client;

/**
 * The protocol generation the client speaks, chosen with {@link
 * ClientOptions.Builder#protocol(ClientProtocol)}. A server of one generation does not understand
 * the other (unless it serves both, as Node's and Sio's servers with {@code allowEIO3}).
 *
 * <pre>{@code
 * Socket socket = SocketIoClient.connect(URI.create("http://legacy.example.com:3000/chat"),
 *     ClientOptions.builder().protocol(ClientProtocol.V2).query("token", "abc").build());
 * }</pre>
 */
public enum ClientProtocol {
  /**
   * Engine.IO v3 and Socket.IO protocol v4, for Socket.IO <b>2.x</b> servers: what npm {@code
   * socket.io-client} 2.x (with {@code engine.io-client} 3.x) speaks. The client pings the server;
   * the server joins the main namespace {@code "/"} at the handshake; other namespaces are joined
   * with their query; there is no {@code auth} payload and no connection state recovery.
   */
  V2,

  /**
   * Engine.IO v4 and Socket.IO protocol v5, for Socket.IO <b>3.x and 4.x</b> servers: what npm
   * {@code socket.io-client} 3.x and 4.x speak. The default.
   */
  V4;

  /** {@return the {@code EIO} query parameter of this generation: {@code "3"} or {@code "4"}} */
  public String engineIoVersion() {
    return this == V2 ? "3" : "4";
  }
}
