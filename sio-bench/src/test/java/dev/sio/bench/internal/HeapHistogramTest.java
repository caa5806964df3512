package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {
  private static final String BEFORE =
      """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          1000          64000  [B (java.base@17.0.15)
         2:           500          12000  java.lang.String (java.base@17.0.15)
      Total          1500          76000
      """;
  private static final String AFTER =
      """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          3000         264000  [B (java.base@17.0.15)
         2:           100          20000  dev.sio.server.Socket
         3:           700          16800  java.lang.String (java.base@17.0.15)
      Total          3800         300800
      """;

  @Test
  void growthPerConnectionLargestFirst() {
    String table = HeapHistogram.parse(AFTER).perConnection(HeapHistogram.parse(BEFORE), 100, 2);
    assertThat(table)
        .startsWith("Live heap growth per connection (100 connections): 2248 bytes\n")
        .contains("| 2000 | 20.00 | `[B` |\n| 200 | 1.00 | `dev.sio.server.Socket` |\n")
        .doesNotContain("java.lang.String");
  }
}
