package dev.sio.engine.internal;

/** Constants of the Engine.IO v4 server protocol: error codes, their messages, close reasons. */
public final class EngineProtocol {
  /** The protocol revision served ({@code EIO=4}). */
  public static final String PROTOCOL_VERSION = "4";

  /** The older revision served with {@code allowEIO3} ({@code EIO=3}: Socket.IO v2 clients). */
  public static final String PROTOCOL_VERSION_3 = "3";

  /** Error code: the {@code transport} parameter is missing or not enabled. */
  public static final int UNKNOWN_TRANSPORT = 0;

  /** Error code: the {@code sid} is not (or no longer) known. */
  public static final int UNKNOWN_SID = 1;

  /** Error code: a handshake with a method other than GET. */
  public static final int BAD_HANDSHAKE_METHOD = 2;

  /** Error code: anything else wrong with the request. */
  public static final int BAD_REQUEST = 3;

  /** Error code: {@code allowRequest} rejected the handshake (HTTP 403). */
  public static final int FORBIDDEN = 4;

  /** Error code: {@code EIO} is missing or not 4. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = 5;

  private static final String[] MESSAGES = {
    "Transport unknown",
    "Session ID unknown",
    "Bad handshake method",
    "Bad request",
    "Forbidden",
    "Unsupported protocol version"
  };

  /** Close reason: the transport closed (client went away, or sent a close packet). */
  public static final String TRANSPORT_CLOSE = "transport close";

  /** Close reason: the transport failed (overlapping polls, aborted poll, socket error). */
  public static final String TRANSPORT_ERROR = "transport error";

  /** Close reason: no pong within pingTimeout. */
  public static final String PING_TIMEOUT = "ping timeout";

  /** Close reason: the client sent a malformed packet. */
  public static final String PARSE_ERROR = "parse error";

  /** Close reason: the server closed the session ({@code EngineSocket.close()}). */
  public static final String FORCED_CLOSE = "forced close";

  /** Close reason: the server or listener shut down. */
  public static final String SERVER_SHUTTING_DOWN = "server shutting down";

  private EngineProtocol() {}

  /** Node's message for error {@code code}. */
  public static String message(int code) {
    return MESSAGES[code];
  }

  /** The HTTP status of error {@code code}: 403 for FORBIDDEN, 400 otherwise. */
  public static int httpStatus(int code) {
    return code == FORBIDDEN ? 403 : 400;
  }
}
