package dev.sio.bench.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The few Engine.IO v4 / Socket.IO v5 text packets the load tool speaks, on namespace {@code /}
 * only, hand-coded for speed. A text frame holds one Engine.IO packet:
 *
 * <pre>
 *   0{"sid":…}            Engine.IO OPEN (server → client)
 *   2 / 3                 Engine.IO PING (server) / PONG (client)
 *   40 / 40{"sid":…}      Socket.IO CONNECT (client) / its answer (server)
 *   42&lt;id&gt;["echo",…]      Socket.IO EVENT with an ack id
 *   43&lt;id&gt;[…]             Socket.IO ACK
 *   44{…}                 Socket.IO CONNECT_ERROR
 * </pre>
 *
 * Long-polling payloads join packets with the record separator {@code 0x1e}.
 */
public final class BenchProtocol {
  /** Engine.IO OPEN. */
  public static final byte EIO_OPEN = '0';

  /** Engine.IO CLOSE. */
  public static final byte EIO_CLOSE = '1';

  /** Engine.IO PING (the server pings in v4). */
  public static final byte EIO_PING = '2';

  /** Engine.IO MESSAGE: a Socket.IO packet follows. */
  public static final byte EIO_MESSAGE = '4';

  /** Socket.IO CONNECT. */
  public static final byte SIO_CONNECT = '0';

  /** Socket.IO DISCONNECT. */
  public static final byte SIO_DISCONNECT = '1';

  /** Socket.IO EVENT. */
  public static final byte SIO_EVENT = '2';

  /** Socket.IO ACK. */
  public static final byte SIO_ACK = '3';

  /** Socket.IO CONNECT_ERROR. */
  public static final byte SIO_CONNECT_ERROR = '4';

  /** Separator of packets in a long-polling payload. */
  public static final char RECORD_SEPARATOR = 0x1e;

  /** Engine.IO PONG, the answer to a PING. */
  public static final String PONG = "3";

  /** Socket.IO CONNECT to namespace {@code /} without auth. */
  public static final String CONNECT = "40";

  /** The path and query that open a WebSocket session straight away (no polling first). */
  public static final String WEBSOCKET_PATH = "/socket.io/?EIO=4&transport=websocket";

  /** The path and query that open a long-polling session. */
  public static final String POLLING_PATH = "/socket.io/?EIO=4&transport=polling";

  /** The event the fixture acknowledges with the same arguments. */
  public static final String ECHO = "echo";

  /** The room every broadcast receiver joins. */
  public static final String ROOM = "bench";

  /** The prefix of a delivered broadcast: {@code 42["broadcast","<nanos>:<padding>"]}. */
  public static final byte[] BROADCAST_DELIVERY_PREFIX = ascii("42[\"broadcast\",\"");

  private BenchProtocol() {}

  /** US-ASCII bytes of {@code s}. */
  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A JSON string of {@code bytes} ASCII characters (without quotes), for payloads. */
  public static String padding(int bytes) {
    StringBuilder sb = new StringBuilder(bytes);
    for (int i = 0; i < bytes; i++) {
      sb.append((char) ('a' + i % 26));
    }
    return sb.toString();
  }

  /**
   * Reads the decimal number starting at {@code index}; stops at the first non-digit. Returns -1 if
   * there is no digit there.
   */
  public static long readNumber(ByteBuf buf, int index, int end) {
    long n = 0;
    int i = index;
    while (i < end) {
      byte b = buf.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      n = n * 10 + (b - '0');
      i++;
    }
    return i == index ? -1 : n;
  }

  /** The index just after the digits starting at {@code index}. */
  public static int skipDigits(ByteBuf buf, int index, int end) {
    int i = index;
    while (i < end) {
      byte b = buf.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      i++;
    }
    return i;
  }

  /** True when {@code buf} holds {@code prefix} at {@code index}. */
  public static boolean startsWith(ByteBuf buf, int index, byte[] prefix) {
    if (buf.writerIndex() - index < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf.getByte(index + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Writes {@code value} (not negative) as decimal ASCII digits. */
  public static void writeNumber(ByteBuf buf, long value) {
    if (value < 10) {
      buf.writeByte((int) ('0' + value));
      return;
    }
    int digits = 0;
    for (long v = value; v > 0; v /= 10) {
      digits++;
    }
    int at = buf.writerIndex() + digits;
    buf.ensureWritable(digits);
    long v = value;
    for (int i = at - 1; i >= buf.writerIndex(); i--) {
      buf.setByte(i, (int) ('0' + v % 10));
      v /= 10;
    }
    buf.writerIndex(at);
  }
}
