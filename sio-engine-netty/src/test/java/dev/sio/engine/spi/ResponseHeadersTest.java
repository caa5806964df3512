package dev.sio.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ResponseHeaders}: insertion order, case-insensitive names, and validation that accepts and
 * refuses exactly what Netty's validating {@code DefaultHttpHeaders} does (the headers the Netty
 * binding wrote before the core had its own), with messages that say what is wrong.
 */
@Timeout(30)
class ResponseHeadersTest {
  private static List<String> lines(ResponseHeaders h) {
    List<String> out = new ArrayList<>();
    h.forEach((n, v) -> out.add(n + ": " + v));
    return out;
  }

  private static List<String> lines(DefaultHttpHeaders h) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : h) {
      out.add(e.getKey() + ": " + e.getValue());
    }
    return out;
  }

  @Test
  void keepsInsertionOrderAndSetMovesANameToTheEndAsNettyDoes() {
    ResponseHeaders h = new ResponseHeaders();
    DefaultHttpHeaders netty = new DefaultHttpHeaders();
    String[][] ops = {
      {"add", "Content-Type", "text/plain"},
      {"add", "Vary", "Origin"},
      {"add", "Set-Cookie", "a=1"},
      {"add", "set-cookie", "b=2"},
      {"set", "VARY", "Origin, Accept-Encoding"},
      {"add", "cache-control", "no-store"},
      {"set", "Content-Type", "text/html"},
    };
    for (String[] op : ops) {
      if (op[0].equals("add")) {
        h.add(op[1], op[2]);
        netty.add(op[1], op[2]);
      } else {
        h.set(op[1], op[2]);
        netty.set(op[1], op[2]);
      }
    }
    assertThat(lines(h))
        .containsExactly(
            "Set-Cookie: a=1",
            "set-cookie: b=2",
            "VARY: Origin, Accept-Encoding",
            "cache-control: no-store",
            "Content-Type: text/html")
        .isEqualTo(lines(netty));
    assertThat(h.size()).isEqualTo(5);
  }

  @Test
  void namesCompareCaseInsensitively() {
    ResponseHeaders h = new ResponseHeaders();
    h.add("Set-Cookie", "a=1").add("X-One", "1").add("SET-COOKIE", "b=2");
    assertThat(h.get("set-cookie")).isEqualTo("a=1");
    assertThat(h.getAll("set-COOKIE")).containsExactly("a=1", "b=2");
    assertThat(h.get("missing")).isNull();
    assertThat(h.getAll("missing")).isEmpty();
    assertThat(h.names())
        .as("each name once, as first spelled")
        .containsExactly("Set-Cookie", "X-One");
    assertThat(h.remove("x-one")).isTrue();
    assertThat(h.remove("x-one")).isFalse();
    assertThat(lines(h)).containsExactly("Set-Cookie: a=1", "SET-COOKIE: b=2");
    h.clear();
    assertThat(h.isEmpty()).isTrue();
    assertThat(h.names()).isEmpty();
  }

  @Test
  void growsPastItsFirstArray() {
    ResponseHeaders h = new ResponseHeaders();
    for (int i = 0; i < 40; i++) {
      h.add("X-" + (i % 7), Integer.toString(i));
    }
    assertThat(h.size()).isEqualTo(40);
    assertThat(h.getAll("x-3")).containsExactly("3", "10", "17", "24", "31", "38");
    h.set("X-3", "only");
    assertThat(h.size()).isEqualTo(35);
    assertThat(lines(h).get(34)).isEqualTo("X-3: only");
  }

  @Test
  void refusesWhatWouldSplitAResponseAndSaysWhy() {
    ResponseHeaders h = new ResponseHeaders();
    assertThatThrownBy(() -> h.add("X", "a\r\nSet-Cookie: evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of header X has a CR (0x0d) at index 1");
    assertThatThrownBy(() -> h.set("X", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of header X has an LF (0x0a) at index 1");
    assertThatThrownBy(() -> h.add("X", "a\u0000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of header X has a NUL (0x00) at index 1");
    assertThatThrownBy(() -> h.add("X", "a\u007f"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of header X has the control character 0x7f at index 1");
    assertThatThrownBy(() -> h.add("X", " a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of header X starts with a space (0x20)");
    assertThatThrownBy(() -> h.add("Bad Name", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "header name \"Bad Name\" has a space (0x20) at index 3: a name must be an RFC 9110"
                + " token");
    assertThatThrownBy(() -> h.add("X\r\nY", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "header name \"X\\x0d\\x0aY\" has a CR (0x0d) at index 1: a name must be an RFC 9110"
                + " token");
    assertThatThrownBy(() -> h.add("caf\u00e9", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the character 'é' (0xe9) at index 3");
    assertThatThrownBy(() -> h.add("", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a header name must not be empty");
    assertThatThrownBy(() -> h.add("X", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("the value of header X");
    assertThatThrownBy(() -> h.add(null, "v")).isInstanceOf(NullPointerException.class);
    assertThat(h.isEmpty()).as("nothing refused was added").isTrue();
    h.add("X", "").add("Y", "tab\there, trailing space ").add("Z", "caf\u00e9 \u20ac");
    assertThat(h.size()).isEqualTo(3);
  }

  /** Every char in first, middle and last position of a name and of a value, against Netty. */
  @Test
  void acceptsExactlyWhatNettysValidatingHeadersAccept() {
    List<String> disagreements = new ArrayList<>();
    for (int c = 0; c <= 0xffff; c++) {
      char ch = (char) c;
      for (String name : new String[] {ch + "x", "x" + ch + "x", "x" + ch}) {
        if (acceptsName(name) != nettyAcceptsName(name)) {
          disagreements.add("name " + Integer.toHexString(c) + " in " + name.indexOf(ch));
        }
      }
      for (String value : new String[] {ch + "x", "x" + ch + "x", "x" + ch, String.valueOf(ch)}) {
        if (acceptsValue(value) != nettyAcceptsValue(value)) {
          disagreements.add("value " + Integer.toHexString(c) + " in " + value.length());
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static boolean acceptsName(String name) {
    try {
      new ResponseHeaders().add(name, "v");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean nettyAcceptsName(String name) {
    try {
      new DefaultHttpHeaders().add(name, "v");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean acceptsValue(String value) {
    try {
      new ResponseHeaders().add("X", value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean nettyAcceptsValue(String value) {
    try {
      new DefaultHttpHeaders().add("X", value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
