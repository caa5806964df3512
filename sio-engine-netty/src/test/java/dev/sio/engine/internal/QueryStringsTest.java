package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.engine.netty.internal.RequestInfos;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link QueryStrings} against Netty's {@code QueryStringDecoder}, which decoded queries before:
 * the same parameters in the same order, or a refusal on the same inputs.
 */
@Timeout(30)
class QueryStringsTest {
  /** The parameters as ordered lines, or the refusal: what two decoders must agree on. */
  private static List<String> ours(String uri) {
    try {
      return lines(QueryStrings.decode(RequestInfos.rawQuery(uri)));
    } catch (IllegalArgumentException e) {
      return List.of("refused");
    }
  }

  private static List<String> netty(String uri) {
    try {
      return lines(new QueryStringDecoder(uri).parameters());
    } catch (IllegalArgumentException e) {
      return List.of("refused");
    }
  }

  private static List<String> lines(Map<String, List<String>> params) {
    List<String> out = new ArrayList<>();
    params.forEach((k, vs) -> out.add("[" + k + "]=" + vs));
    return out;
  }

  private static void agree(String uri) {
    assertThat(ours(uri)).as(uri).isEqualTo(netty(uri));
  }

  @Test
  void decodesParametersInOrderWithRepeatedNames() {
    Map<String, List<String>> p = QueryStrings.decode("EIO=4&transport=polling&t=a&t=b&T=c");
    assertThat(lines(p))
        .containsExactly("[EIO]=[4]", "[transport]=[polling]", "[t]=[a, b]", "[T]=[c]");
    assertThat(QueryStrings.decode(null)).isEmpty();
    assertThat(QueryStrings.decode("")).isEmpty();
  }

  @Test
  void plusIsASpaceAndEscapesAreUtf8() {
    assertThat(lines(QueryStrings.decode("a+b=c+d%20e&n=%C3%A9%E2%82%AC%F0%9F%98%80")))
        .containsExactly("[a b]=[c d e]", "[n]=[é€😀]");
    assertThat(QueryStrings.decode("x=%2B%26%3D").get("x")).containsExactly("+&=");
  }

  @Test
  void bytesThatAreNotUtf8BecomeReplacementCharacters() {
    assertThat(QueryStrings.decode("a=%FF").get("a")).containsExactly("\ufffd");
    assertThat(QueryStrings.decode("a=%C3x%A9").get("a"))
        .as("each run of escapes is decoded alone")
        .containsExactly("\ufffdx\ufffd");
    for (String q : List.of("a=%FF%FE", "a=%C0%AF", "a=%E2%82", "a=%ED%A0%80", "a=%F8%88%80")) {
      agree("/p?" + q);
    }
  }

  @Test
  void emptyNamesAndValues() {
    assertThat(lines(QueryStrings.decode("=a&b=c"))).containsExactly("[a]=[]", "[b]=[c]");
    assertThat(lines(QueryStrings.decode("&&a&"))).containsExactly("[a]=[]");
    assertThat(lines(QueryStrings.decode("a==b&c=d=e"))).containsExactly("[a]=[=b]", "[c]=[d=e]");
    assertThat(lines(QueryStrings.decode("==x"))).containsExactly("[x]=[]");
    assertThat(QueryStrings.decode("=")).isEmpty();
    assertThat(lines(QueryStrings.decode("a;b=1#c=2"))).containsExactly("[a]=[]", "[b]=[1]");
  }

  @Test
  void malformedEscapesAreRefusedWithTheirPlace() {
    assertThatThrownBy(() -> QueryStrings.decode("a=%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unterminated escape sequence at index 2 of the query");
    assertThatThrownBy(() -> QueryStrings.decode("a=%4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unterminated escape sequence at index 2 of the query");
    assertThatThrownBy(() -> QueryStrings.decode("a=%zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid hex byte 'zz' at index 3 of the query");
    assertThatThrownBy(() -> QueryStrings.decode("a=%u0041"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid hex byte 'u0' at index 3 of the query");
    assertThatThrownBy(() -> QueryStrings.decode("a=%\u0663\u0663"))
        .as("only ASCII hex digits")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsAtMostMaxParamsParameters() {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < QueryStrings.MAX_PARAMS + 100; i++) {
      q.append("k").append(i).append("=v&");
    }
    Map<String, List<String>> p = QueryStrings.decode(q.toString());
    assertThat(p).hasSize(QueryStrings.MAX_PARAMS).doesNotContainKey("k1024");
    agree("/p?" + q);
    agree("/p?k=1&k=2&" + q);
  }

  @Test
  void theQueryStartsAtTheFirstQuestionMarkUnlessAHashComesFirst() {
    assertThat(RequestInfos.rawQuery("/p")).isNull();
    assertThat(RequestInfos.rawQuery("/p?")).isEmpty();
    assertThat(RequestInfos.rawQuery("/p??a=1")).isEqualTo("?a=1");
    assertThat(RequestInfos.rawQuery("/p#x?a=1")).isNull();
    assertThat(RequestInfos.rawQuery("/p?a=1#b")).isEqualTo("a=1#b");
    for (String uri :
        List.of("/p", "/p?", "/p??a=1", "/p#x?a=1", "/p?a=1#b=2", "?a=1", "#", "/p?#", "/p?a#?b")) {
      agree(uri);
    }
  }

  @Test
  void agreesWithNettyOnVectors() {
    for (String q :
        List.of(
            "EIO=4&transport=polling&t=PZz3&sid=abc",
            "a=1;b=2",
            "a+b=c+d",
            "%=1",
            "a=%C3%A9",
            "a=%c3%a9",
            "é=ü&\u00ff=\u0100",
            "a=%%41",
            "a=%41%",
            "a=%4G",
            "+=+",
            "%2B=%2b",
            "a&a&a=",
            "=&=&=",
            ";;;&&&",
            "a=b#c&d",
            "j=0&d=%3D%26")) {
      agree("/engine.io/?" + q);
    }
  }

  /** Random queries from an alphabet of separators, escapes (good, bad, non-UTF-8) and text. */
  @Test
  void agreesWithNettyOnRandomQueries() {
    String[] alphabet = {
      "a",
      "b",
      "K",
      "1",
      "=",
      "=",
      "&",
      "&",
      ";",
      "#",
      "?",
      "+",
      "%",
      "%2",
      "%20",
      "%41",
      "%C3",
      "%A9",
      "%C3%A9",
      "%FF",
      "%E2%82",
      "%AC",
      "%F0%9F%98%80",
      "%zz",
      "%g1",
      "é",
      "\u00ff",
      "€",
      "\ud83d\ude00",
      "\ud800",
      " ",
      "/",
      "."
    };
    Random random = new Random(20260101L);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder uri = new StringBuilder(random.nextBoolean() ? "/p?" : "/e/?");
      int parts = random.nextInt(12);
      for (int i = 0; i < parts; i++) {
        uri.append(alphabet[random.nextInt(alphabet.length)]);
      }
      agree(uri.toString());
    }
  }
}
