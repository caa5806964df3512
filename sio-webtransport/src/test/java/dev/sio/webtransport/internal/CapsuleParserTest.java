package dev.sio.webtransport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capsules of a CONNECT stream as Chromium 156 sends them (docs/design/WEBTRANSPORT.md §10.2):
 * a GREASE capsule with an 8-byte type first, then {@code CLOSE_WEBTRANSPORT_SESSION}; each fed
 * whole and split at every byte boundary.
 */
class CapsuleParserTest {
  // GREASE type 0x29·N + 0x17 as an 8-byte varint, length 3, 3 random bytes (a spike capture)
  private static final String GREASE = "cb4282bd771cf93b" + "03" + "a1b2c3";
  private static final String CLOSE_7_BYE = "6843" + "07" + "00000007" + "627965";

  private final List<String> heard = new ArrayList<>();
  private final CapsuleParser.Listener listener =
      new CapsuleParser.Listener() {
        @Override
        public void onClose(long code, String reason) {
          heard.add("close " + code + " " + reason);
        }

        @Override
        public void onDrain() {
          heard.add("drain");
        }
      };

  private static ByteBuf bytes(String hex) {
    return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
  }

  private List<String> feed(String hex, int split) {
    heard.clear();
    CapsuleParser parser = new CapsuleParser(ByteBufAllocator.DEFAULT);
    try {
      byte[] all = HexFormat.of().parseHex(hex);
      String failure = null;
      for (int from = 0; from < all.length && failure == null; from += split) {
        int n = Math.min(split, all.length - from);
        failure = parser.read(Unpooled.wrappedBuffer(all, from, n), listener);
      }
      if (failure != null) {
        heard.add("failed " + failure);
      }
      return List.copyOf(heard);
    } finally {
      parser.release();
    }
  }

  @Test
  void chromiumsGreaseIsSkippedAndItsCloseIsRead() {
    String stream = GREASE + CLOSE_7_BYE;
    for (int split = 1; split <= stream.length() / 2; split++) {
      assertThat(feed(stream, split)).as("split %d", split).containsExactly("close 7 bye");
    }
  }

  @Test
  void aCloseWithoutRoomForItsCodeIsACloseAllTheSame() {
    assertThat(feed("6843" + "00", 1)).containsExactly("close 0 ");
    assertThat(feed("6843" + "02" + "0000", 2)).containsExactly("close 0 ");
  }

  @Test
  void drainIsReportedWhateverTheVarintLength() {
    // DRAIN's type 0x78ae as a 4-byte varint (80 00 78 ae), not the shortest form
    assertThat(feed("800078ae" + "00" + CLOSE_7_BYE, 3)).containsExactly("drain", "close 7 bye");
  }

  @Test
  void aKnownCapsuleTooLongToHoldFailsAndAnUnknownOneIsSkippedWithoutBeingHeld() {
    assertThat(feed("6843" + "7fff" + "00000000", 4))
        .containsExactly("failed capsule 0x2843 of 16383 bytes");
    String unknownBig = "21" + "80010000" + "00".repeat(65536); // type 0x21, 65 536 bytes
    assertThat(feed(unknownBig + CLOSE_7_BYE, 1200)).containsExactly("close 7 bye");
  }

  @Test
  void afterAFailureEveryReadIsReleasedAndFails() {
    CapsuleParser parser = new CapsuleParser(ByteBufAllocator.DEFAULT);
    assertThat(parser.read(bytes("6843" + "7fff"), listener)).isNotNull();
    ByteBuf more = bytes(CLOSE_7_BYE);
    assertThat(parser.read(more, listener)).isEqualTo("capsule 0x2843 of 16383 bytes");
    assertThat(more.refCnt()).isZero();
    assertThat(heard).isEmpty();
    parser.release();
  }
}
