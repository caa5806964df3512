package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioResultTest {
  @Test
  void lineRoundTrips() {
    ScenarioResult r =
        new ScenarioResult().put("scenario", "echo").put("acks", 12L).put("rate", 1.23456);
    r.put("error", "two words");
    assertThat(r.toLine()).isEqualTo("RESULT scenario=echo acks=12 rate=1.235 error=two_words");
    ScenarioResult back = ScenarioResult.parse(r.toLine());
    assertThat(back.figures()).isEqualTo(r.figures());
    assertThat(back.number("acks")).isEqualTo(12);
    assertThat(back.number("scenario")).isNaN();
    assertThat(back.number("missing")).isNaN();
  }

  @Test
  void rejectsBadKeysAndLines() {
    assertThatThrownBy(() -> new ScenarioResult().put("a b", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad key: a b");
    assertThatThrownBy(() -> ScenarioResult.parse("progress x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a result line: progress x");
  }
}
