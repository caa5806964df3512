package dev.sio.webtransport.internal;

import io.netty.buffer.ByteBuf;

/**
 * The constants of WebTransport over HTTP/3 that Sio uses (draft-ietf-webtrans-http3, as Chromium
 * and quiche speak it; docs/design/WEBTRANSPORT.md §2), and QUIC's variable-length integers.
 *
 * <pre>
 * client bidi stream:  0x41 (varint) | session id (varint) | Engine.IO frames ...
 * capsule:             type (varint) | length (varint) | value
 * CLOSE_WEBTRANSPORT_SESSION value:  error code (u32) | reason (UTF-8)
 * </pre>
 */
public final class WebTransportProtocol {
  private WebTransportProtocol() {}

  /** SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 9220): extended CONNECT. */
  public static final long SETTINGS_ENABLE_CONNECT_PROTOCOL = 0x08;

  /** SETTINGS_H3_DATAGRAM (RFC 9297); Chromium needs it (or the draft-04 one) for WebTransport. */
  public static final long SETTINGS_H3_DATAGRAM = 0x33;

  /** SETTINGS_H3_DATAGRAM of draft-04, which Chromium also sends. */
  public static final long SETTINGS_H3_DATAGRAM_DRAFT04 = 0xffd277L;

  /** SETTINGS_ENABLE_WEBTRANSPORT of draft-02: what default Chromium 156 requires. */
  public static final long SETTINGS_WEBTRANS_DRAFT02 = 0x2b603742L;

  /** SETTINGS_WEBTRANS_MAX_SESSIONS of draft-07 (Chromium with EnableWebTransportDraft07). */
  public static final long SETTINGS_WEBTRANS_MAX_SESSIONS_DRAFT07 = 0xc671706aL;

  /** SETTINGS_WT_ENABLED of draft-15 (quic-go's webtransport-go sends it). */
  public static final long SETTINGS_WT_ENABLED = 0x2c7cf000L;

  /** The signal value that starts a client's bidirectional WebTransport stream. */
  public static final long WEBTRANSPORT_STREAM = 0x41;

  /** HTTP/3's connection error for a bad SETTINGS frame (RFC 9114 §8.1). */
  public static final int H3_SETTINGS_ERROR = 0x109;

  /** HTTP/3's connection error when no more specific one applies (RFC 9114 §8.1). */
  public static final int H3_GENERAL_PROTOCOL_ERROR = 0x101;

  /** The capsule that closes a session: u32 error code, then a UTF-8 reason. */
  public static final long CLOSE_WEBTRANSPORT_SESSION = 0x2843;

  /** The capsule that asks the peer to wind the session down. */
  public static final long DRAIN_WEBTRANSPORT_SESSION = 0x78ae;

  /** The stream error for a stream no session takes (WT_BUFFERED_STREAM_REJECTED's low bits). */
  public static final int STREAM_REJECTED = 0x3994bd84;

  /** The {@code :protocol} of draft-02 (Chromium). */
  public static final String PROTOCOL = "webtransport";

  /** The {@code :protocol} of draft-15. */
  public static final String PROTOCOL_H3 = "webtransport-h3";

  /** The response header quiche's server sends for draft-02 (older browsers check it). */
  public static final String DRAFT_HEADER = "sec-webtransport-http3-draft";

  /** The largest capsule value Sio reads (a close reason is at most 1024 bytes). */
  public static final int MAX_CAPSULE_LENGTH = 8192;

  /** {@return the bytes a varint starting with {@code first} takes (1, 2, 4 or 8)} */
  public static int varintLength(byte first) {
    return 1 << ((first & 0xff) >> 6);
  }

  /** Reads a varint; the caller checked that {@link #varintLength} bytes are readable. */
  public static long readVarint(ByteBuf in) {
    int first = in.readUnsignedByte();
    int length = 1 << (first >> 6);
    long value = first & 0x3f;
    for (int i = 1; i < length; i++) {
      value = (value << 8) | in.readUnsignedByte();
    }
    return value;
  }

  /** Writes {@code value} (0 to 2^62 - 1) as a varint of the shortest length. */
  public static void writeVarint(ByteBuf out, long value) {
    if (value < 0 || value >= (1L << 62)) {
      throw new IllegalArgumentException("varint out of range: " + value);
    }
    if (value < (1 << 6)) {
      out.writeByte((int) value);
    } else if (value < (1 << 14)) {
      out.writeShort((int) (0x4000 | value));
    } else if (value < (1L << 30)) {
      out.writeInt((int) (0x80000000L | value));
    } else {
      out.writeLong(0xc000000000000000L | value);
    }
  }
}
