package dev.sio.protocol.socketio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Expected strings are what node 20 prints for {@code JSON.stringify(x)}. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsNumbersTest {
  private static String js(double d) {
    StringBuilder out = new StringBuilder();
    JsNumbers.appendDouble(out, d);
    return out.toString();
  }

  @Test
  void integralValuesHaveNoFraction() {
    assertThat(js(3.0)).isEqualTo("3");
    assertThat(js(-0.0)).isEqualTo("0");
    assertThat(js(1e20)).isEqualTo("100000000000000000000");
    assertThat(js(123456789012345680000.0)).isEqualTo("123456789012345680000");
    assertThat(js(9.2233720368547758E18)).isEqualTo("9223372036854776000");
  }

  @Test
  void exponentsFromTenToThe21AndBelowOneMillionth() {
    assertThat(js(1e21)).isEqualTo("1e+21");
    assertThat(js(-1.5e300)).isEqualTo("-1.5e+300");
    assertThat(js(1e-6)).isEqualTo("0.000001");
    assertThat(js(1e-7)).isEqualTo("1e-7");
    assertThat(js(1.23e-18)).isEqualTo("1.23e-18");
  }

  @Test
  void shortestDigitsEvenWhereJavaWritesTwo() {
    assertThat(js(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(js(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(js(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(js(5.684341886080802E-14)).isEqualTo("5.684341886080802e-14");
    assertThat(js(4.35)).isEqualTo("4.35");
    assertThat(js(2e-3)).isEqualTo("0.002");
  }

  @Test
  void nonFiniteIsNull() {
    assertThat(js(Double.NaN)).isEqualTo("null");
    assertThat(js(Double.NEGATIVE_INFINITY)).isEqualTo("null");
  }
}
