package dev.sio.engine.netty.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks what a server wrote to one connection, for the Jazzer targets: a sequence of well-formed
 * HTTP/1.1 responses, each 1xx to 4xx (never 5xx for client input), then after a 101 WebSocket
 * frames as a server sends them (unmasked, known opcodes, RSV bits only with permessage-deflate,
 * close codes that RFC 6455 lets travel). Throws {@link AssertionError} naming what is wrong.
 */
final class WireChecks {
  private WireChecks() {}

  /** What a check found, for the targets' bookkeeping. */
  record Result(int responses, int lastStatus, int frames, boolean upgraded) {}

  /**
   * Checks {@code out}. {@code headSeen} relaxes the body rule after a response to a HEAD request
   * (its Content-Length announces no body): the next response is searched instead.
   */
  static Result check(byte[] out, boolean headSeen, boolean deflate) {
    int pos = 0;
    int responses = 0;
    int status = 0;
    int bodyStart = 0; // where the last response's body began: a HEAD answer has none
    while (pos < out.length) {
      if (!startsWith(out, pos, "HTTP/1.1 ") && !startsWith(out, pos, "HTTP/1.0 ")) {
        int next = headSeen && bodyStart < pos ? indexOf(out, "HTTP/1.", bodyStart) : -1;
        if (next < 0) {
          throw new AssertionError("not an HTTP response at byte " + pos + ": " + show(out, pos));
        }
        pos = next;
        continue;
      }
      int headEnd = indexOf(out, "\r\n\r\n", pos);
      if (headEnd < 0) {
        throw new AssertionError("an HTTP response head without its end: " + show(out, pos));
      }
      String head = new String(out, pos, headEnd - pos, StandardCharsets.ISO_8859_1);
      String[] lines = head.split("\r\n", -1);
      status = status(lines[0]);
      if (status < 100 || status > 599) {
        throw new AssertionError("status out of 1xx-5xx: " + lines[0]);
      }
      // 505 is the client's error despite its class: RFC 9110 15.6.6, a version other than 1.x
      if (status >= 500 && status != 505) {
        throw new AssertionError("a 5xx answer to client input: " + lines[0]);
      }
      long length = -1;
      boolean chunked = false;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          throw new AssertionError("a malformed response header line: " + lines[i]);
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }
      }
      responses++;
      pos = headEnd + 4;
      bodyStart = pos;
      if (status == 101) {
        int frames = checkServerFrames(out, pos, deflate);
        return new Result(responses, status, frames, true);
      }
      if (status < 200 || status == 204 || status == 304) {
        continue;
      }
      if (chunked) {
        pos = skipChunks(out, pos);
      } else if (length >= 0) {
        if (pos + length > out.length && !headSeen) {
          throw new AssertionError(
              "a body shorter than its Content-Length " + length + ": " + show(out, pos));
        }
        pos = (int) Math.min(out.length, pos + length);
      } else {
        pos = out.length; // a body up to the close
      }
    }
    return new Result(responses, status, 0, false);
  }

  /** Checks the WebSocket frames a server wrote from {@code pos}; returns how many. */
  static int checkServerFrames(byte[] out, int pos, boolean deflate) {
    int frames = 0;
    boolean closed = false;
    while (pos < out.length) {
      if (closed) {
        throw new AssertionError("a frame after the close frame at byte " + pos);
      }
      if (pos + 2 > out.length) {
        throw new AssertionError("a truncated frame header at byte " + pos);
      }
      int b0 = out[pos] & 0xff;
      int b1 = out[pos + 1] & 0xff;
      int opcode = b0 & 0x0f;
      int rsv = (b0 >> 4) & 0x07;
      if ((b1 & 0x80) != 0) {
        throw new AssertionError("a masked frame from the server");
      }
      if (rsv != 0 && !(deflate && rsv == 4 && (opcode == 0 || opcode == 1 || opcode == 2))) {
        throw new AssertionError("RSV bits " + rsv + " on a server frame, opcode " + opcode);
      }
      if (!(opcode <= 2 || opcode >= 8 && opcode <= 10)) {
        throw new AssertionError("a reserved opcode from the server: " + opcode);
      }
      long len = b1 & 0x7f;
      int at = pos + 2;
      if (len == 126) {
        need(out, at, 2);
        len = ((out[at] & 0xff) << 8) | (out[at + 1] & 0xff);
        at += 2;
      } else if (len == 127) {
        need(out, at, 8);
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | (out[at + i] & 0xff);
        }
        at += 8;
      }
      if (opcode >= 8 && len > 125) {
        throw new AssertionError("a control frame of " + len + " bytes");
      }
      need(out, at, len);
      if (opcode == 8) {
        if (len == 1) {
          throw new AssertionError("a close frame with a one-byte payload");
        }
        if (len >= 2) {
          int code = ((out[at] & 0xff) << 8) | (out[at + 1] & 0xff);
          if (!validCloseCode(code)) {
            throw new AssertionError("close code " + code + " may not travel (RFC 6455 7.4)");
          }
        }
        closed = true;
      }
      pos = at + (int) len;
      frames++;
    }
    return frames;
  }

  /** The codes RFC 6455 section 7.4 (and the IANA registry) let an endpoint send. */
  static boolean validCloseCode(int code) {
    return code >= 1000 && code <= 1003
        || code >= 1007 && code <= 1014
        || code >= 3000 && code <= 4999;
  }

  private static int skipChunks(byte[] out, int pos) {
    while (true) {
      int lineEnd = indexOf(out, "\r\n", pos);
      if (lineEnd < 0) {
        throw new AssertionError("a chunk size line without its end: " + show(out, pos));
      }
      String size = new String(out, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      pos = lineEnd + 2;
      if (n == 0) {
        int end = indexOf(out, "\r\n", pos); // no trailers from us: just the final CRLF
        if (end != pos) {
          throw new AssertionError("trailers or garbage after the last chunk: " + show(out, pos));
        }
        return pos + 2;
      }
      need(out, pos, n + 2);
      pos += (int) n;
      if (out[pos] != '\r' || out[pos + 1] != '\n') {
        throw new AssertionError("a chunk without its CRLF: " + show(out, pos));
      }
      pos += 2;
    }
  }

  private static int status(String statusLine) {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || parts[1].length() != 3) {
      throw new AssertionError("a malformed status line: " + statusLine);
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new AssertionError("a malformed status line: " + statusLine);
    }
  }

  private static void need(byte[] out, int at, long n) {
    if (at + n > out.length) {
      throw new AssertionError("a truncated frame or chunk at byte " + at);
    }
  }

  static boolean startsWith(byte[] b, int pos, String s) {
    if (pos + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[pos + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] b, String s, int from) {
    for (int i = from; i + s.length() <= b.length; i++) {
      if (startsWith(b, i, s)) {
        return i;
      }
    }
    return -1;
  }

  private static String show(byte[] out, int pos) {
    int end = Math.min(out.length, pos + 200);
    return new String(out, pos, end - pos, StandardCharsets.ISO_8859_1)
        .replace("\r", "\\r")
        .replace("\n", "\\n");
  }
}
