package dev.sio.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decoder side of the WebTransport framing: the rows of docs/design/WEBTRANSPORT.md §1.4, each
 * fed whole, split at every byte boundary and byte by byte; the error cases of its §7 step 1 with
 * their exact messages; the limits; a round trip over random packets.
 */
@Timeout(30)
class EngineStreamDecoderTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX = 1_000_000;

  /** What a decoder yields: the packets, then {@code "error: <message>"} if it threw. */
  static List<Object> decodeChunks(int maxPayload, List<byte[]> chunks) {
    EngineStreamDecoder decoder = new EngineStreamDecoder(maxPayload);
    List<Object> out = new ArrayList<>();
    try {
      for (byte[] chunk : chunks) {
        decoder.decode(chunk, out::add);
      }
    } catch (ProtocolException e) {
      out.add("error: " + e.getMessage());
    }
    return out;
  }

  /** Asserts that {@code bytes} give {@code expected} whole, split once anywhere, byte by byte. */
  static void assertDecodesSplitAnywhere(int maxPayload, byte[] bytes, List<Object> expected) {
    assertThat(decodeChunks(maxPayload, List.of(bytes))).as("whole").isEqualTo(expected);
    for (int i = 0; i <= bytes.length; i++) {
      List<byte[]> chunks =
          List.of(Arrays.copyOfRange(bytes, 0, i), Arrays.copyOfRange(bytes, i, bytes.length));
      assertThat(decodeChunks(maxPayload, chunks)).as("split at %d", i).isEqualTo(expected);
    }
    List<byte[]> single = new ArrayList<>();
    for (byte b : bytes) {
      single.add(new byte[] {b});
    }
    assertThat(decodeChunks(maxPayload, single)).as("byte by byte").isEqualTo(expected);
  }

  private static void assertDecodes(String hex, Object... expected) {
    assertDecodesSplitAnywhere(MAX, HEX.parseHex(hex), List.of(expected));
  }

  private static void assertDecodes(int maxPayload, String hex, Object... expected) {
    assertDecodesSplitAnywhere(maxPayload, HEX.parseHex(hex), List.of(expected));
  }

  private static String hexUtf8(String s) {
    return HEX.formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesTheRowsOfTheDesign() {
    assertDecodes("06" + "3468656c6c6f", EnginePacket.message("hello"));
    assertDecodes("83" + "010203", EnginePacket.binary(new byte[] {1, 2, 3}));
    assertDecodes("0130", EnginePacket.of(EnginePacketType.OPEN, null));
    assertDecodes(
        "6b" + hexUtf8("0" + EngineStreamCodecTest.OPEN_JSON),
        EnginePacket.open(EngineStreamCodecTest.OPEN_JSON));
    assertDecodes(
        "1f"
            + hexUtf8("0{\"sid\":\"AAAAAAAAAAAAAAAAAAAA\"}")
            + "063270726f6265"
            + "063370726f6265"
            + "0135",
        EnginePacket.open("{\"sid\":\"AAAAAAAAAAAAAAAAAAAA\"}"),
        EnginePacket.PING_PROBE,
        EnginePacket.PONG_PROBE,
        EnginePacket.UPGRADE);
    assertDecodes("0132" + "0133", EnginePacket.PING, EnginePacket.PONG);
    assertDecodes("7e00c8" + hexUtf8("4" + "y".repeat(199)), EnginePacket.message("y".repeat(199)));
  }

  @Test
  void decodesAMillionBytesInChunks() throws ProtocolException {
    byte[] data = new byte[MAX];
    new Random(14).nextBytes(data);
    byte[] frame = EngineStreamCodec.encode(EnginePacket.binary(data));
    assertThat(HEX.formatHex(frame, 0, 9)).isEqualTo("ff00000000000f4240");
    EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
    List<EnginePacket> out = new ArrayList<>();
    for (int i = 0; i < frame.length; i += 1200) {
      decoder.decode(frame, i, Math.min(1200, frame.length - i), out::add);
      if (out.isEmpty()) {
        assertThat(decoder.bufferedBytes()).isEqualTo(Math.min(i + 1200, frame.length) - 9);
        assertThat(decoder.atFrameBoundary()).isFalse();
      }
    }
    assertThat(out).containsExactly(EnginePacket.binary(data));
    assertThat(decoder.atFrameBoundary()).isTrue();
    assertThat(decoder.bufferedBytes()).isZero();
  }

  @Test
  void acceptsLengthsThatAreNotTheShortest() {
    assertDecodes("7e0005" + hexUtf8("4abcd"), EnginePacket.message("abcd"));
    assertDecodes("7f0000000000000005" + hexUtf8("4abcd"), EnginePacket.message("abcd"));
    assertDecodes("fe0003" + "010203", EnginePacket.binary(new byte[] {1, 2, 3}));
  }

  @Test
  void refusesAZeroLength() {
    assertDecodes("00", "error: Empty frame (length 0)");
    assertDecodes("80", "error: Empty frame (length 0)");
    assertDecodes("7e0000", "error: Empty frame (length 0)");
    assertDecodes("fe0000", "error: Empty frame (length 0)");
    assertDecodes("7f0000000000000000", "error: Empty frame (length 0)");
    assertDecodes("0132" + "80" + "0133", EnginePacket.PING, "error: Empty frame (length 0)");
  }

  @Test
  void cannotReadBackAnEmptyBinaryMessage() {
    byte[] frame = EngineStreamCodec.encode(EnginePacket.binary(new byte[0]));
    assertThat(decodeChunks(MAX, List.of(frame))).containsExactly("error: Empty frame (length 0)");
  }

  @Test
  void refusesA64BitLengthOver2To53() {
    assertDecodes(
        "7f0020000000000001", "error: Frame length over 2^53 - 1 (high 32 bits 0x200000)");
    assertDecodes(
        "ffffffffff00000000", "error: Frame length over 2^53 - 1 (high 32 bits 0xffffffff)");
    // the high word check comes first, before the other 4 bytes arrive
    assertDecodes("7f00200000", "error: Frame length over 2^53 - 1 (high 32 bits 0x200000)");
    // 2^21 - 1 passes that check, then exceeds maxPayload
    assertDecodes(
        "7f001fffff00000001",
        "error: Frame of " + (((1L << 21) - 1) << 32 | 1) + " bytes exceeds maxPayload 1000000");
  }

  @Test
  void enforcesMaxPayload() {
    assertDecodes(5, "05" + hexUtf8("4abcd"), EnginePacket.message("abcd"));
    assertDecodes(5, "06" + hexUtf8("4abcde"), "error: Frame of 6 bytes exceeds maxPayload 5");
    assertDecodes(5, "850102030405", EnginePacket.binary(new byte[] {1, 2, 3, 4, 5}));
    assertDecodes(5, "86010203040506", "error: Frame of 6 bytes exceeds maxPayload 5");
    assertDecodes(
        200, "7e00c8" + hexUtf8("4" + "y".repeat(199)), EnginePacket.message("y".repeat(199)));
    assertDecodes(
        200,
        "7e00c9" + hexUtf8("4" + "y".repeat(200)),
        "error: Frame of 201 bytes exceeds maxPayload 200");
    assertDecodes("7f00000000000f4241", "error: Frame of 1000001 bytes exceeds maxPayload 1000000");
    assertDecodes(
        "7f0000000100000000", "error: Frame of 4294967296 bytes exceeds maxPayload 1000000");
    assertDecodes(0, "0130", "error: Frame of 1 bytes exceeds maxPayload 0");
  }

  @Test
  void refusesAnExtendedLengthMarkerOverMaxPayloadAsNodeDoes() {
    assertDecodes(
        125,
        "7e0005" + hexUtf8("4abcd"),
        "error: Frame with a 16-bit length exceeds maxPayload 125 (Node compares the marker 126"
            + " first)");
    assertDecodes(126, "7e0005" + hexUtf8("4abcd"), EnginePacket.message("abcd"));
    assertDecodes(
        126,
        "7f0000000000000005" + hexUtf8("4abcd"),
        "error: Frame with a 64-bit length exceeds maxPayload 126 (Node compares the marker 127"
            + " first)");
    assertDecodes(127, "7f0000000000000005" + hexUtf8("4abcd"), EnginePacket.message("abcd"));
  }

  @Test
  void decodesTextWithReplacementCharacters() {
    assertDecodes("05" + "34ff6180c0", EnginePacket.message("\ufffda\ufffd\ufffd"));
    assertDecodes("03" + "34e282", EnginePacket.message("\ufffd"));
    assertDecodes("04" + "34eda080", EnginePacket.message("\ufffd\ufffd\ufffd"));
    assertDecodes(
        "05" + "34f0908080" + "0133", EnginePacket.message("\ud800\udc00"), EnginePacket.PONG);
  }

  @Test
  void dropsOneLeadingByteOrderMarkAsTextDecoderDoes() {
    assertDecodes("06" + "efbbbf346869", EnginePacket.message("hi"));
    assertDecodes("06" + "34efbbbf6869", EnginePacket.message("\ufeffhi"));
    assertDecodes("07" + "efbbbfefbbbf34", "error: Unknown packet type '\ufeff'");
    assertDecodes("03" + "efbbbf", "error: Empty packet");
  }

  @Test
  void decodesBase64TextAsBinary() {
    assertDecodes("09" + hexUtf8("bAQIDBA=="), EnginePacket.binary(new byte[] {1, 2, 3, 4}));
    assertDecodes("0162", EnginePacket.binary(new byte[0]));
    assertDecodes("0362" + "2121", "error: Invalid base64 in binary packet");
  }

  @Test
  void refusesBytesThatAreNotFrames() {
    // Node's "should close a connection that sends an invalid handshake": 01 02 03
    assertDecodes("010203", "error: Unknown packet type '\u0002'");
    assertDecodes("0137", "error: Unknown packet type '7'");
    assertDecodes("0161", "error: Unknown packet type 'a'");
  }

  @Test
  void keepsAPartialFrameForTheNextChunk() throws ProtocolException {
    EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
    List<EnginePacket> out = new ArrayList<>();
    decoder.decode(HEX.parseHex("0132" + "7f00000000"), out::add);
    assertThat(out).containsExactly(EnginePacket.PING);
    assertThat(decoder.atFrameBoundary()).isFalse();
    assertThat(decoder.bufferedBytes()).isZero();
    decoder.decode(HEX.parseHex("00000003" + "3461"), out::add);
    assertThat(decoder.bufferedBytes()).isEqualTo(2);
    decoder.decode(new byte[0], out::add);
    decoder.decode(HEX.parseHex("62"), out::add);
    assertThat(out).containsExactly(EnginePacket.PING, EnginePacket.message("ab"));
    assertThat(decoder.atFrameBoundary()).isTrue();
  }

  @Test
  void readsFromAByteBufferAndAnArrayRange() throws ProtocolException {
    EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
    List<EnginePacket> out = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(HEX.parseHex("ff" + "0132" + "0133" + "ff"), 1, 4);
    decoder.decode(buffer, out::add);
    assertThat(buffer.hasRemaining()).isFalse();
    decoder.decode(HEX.parseHex("ee" + "0135" + "ee"), 1, 2, out::add);
    assertThat(out).containsExactly(EnginePacket.PING, EnginePacket.PONG, EnginePacket.UPGRADE);
    assertThatThrownBy(() -> decoder.decode(new byte[2], 1, 2, out::add))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void staysFailedAfterAnError() {
    EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
    List<EnginePacket> out = new ArrayList<>();
    assertThatThrownBy(() -> decoder.decode(HEX.parseHex("0132" + "00" + "0133"), out::add))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("Empty frame (length 0)");
    assertThat(out).containsExactly(EnginePacket.PING);
    assertThat(decoder.atFrameBoundary()).isFalse();
    assertThatThrownBy(() -> decoder.decode(HEX.parseHex("0133"), out::add))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("decoder failed earlier: Empty frame (length 0)");
    assertThat(out).containsExactly(EnginePacket.PING);
  }

  @Test
  void failsWhenTheConsumerThrows() {
    EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
    assertThatThrownBy(
            () ->
                decoder.decode(
                    HEX.parseHex("0132"),
                    p -> {
                      throw new IllegalArgumentException("boom");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("boom");
    assertThatThrownBy(() -> decoder.decode(HEX.parseHex("0133"), p -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "decoder failed earlier: the consumer threw java.lang.IllegalArgumentException: boom");
  }

  @Test
  void refusesANegativeMaxPayload() {
    assertThatThrownBy(() -> new EngineStreamDecoder(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPayload < 0: -1");
    assertThat(new EngineStreamDecoder(7).maxPayload()).isEqualTo(7);
  }

  @Test
  void holdsNoMoreThanTheBytesReceived() throws ProtocolException {
    // a header announcing maxPayload, then a trickle: the decoder holds what came, no more
    EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
    decoder.decode(HEX.parseHex("ff00000000000f4240"), p -> {});
    assertThat(decoder.bufferedBytes()).isZero();
    decoder.decode(new byte[10], p -> {});
    assertThat(decoder.bufferedBytes()).isEqualTo(10);
  }

  @Test
  void roundTripsRandomPacketsSplitAnywhere() throws ProtocolException {
    Random random = new Random(20261203);
    for (int run = 0; run < 300; run++) {
      List<EnginePacket> packets = new ArrayList<>();
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        EnginePacket packet = randomPacket(random);
        packets.add(packet);
        stream.writeBytes(EngineStreamCodec.encode(packet));
      }
      byte[] bytes = stream.toByteArray();
      List<EnginePacket> expected = packets.stream().map(EngineStreamDecoderTest::asRead).toList();
      EngineStreamDecoder decoder = new EngineStreamDecoder(MAX);
      List<EnginePacket> out = new ArrayList<>();
      for (int i = 0; i < bytes.length; ) {
        int n = Math.min(bytes.length - i, random.nextInt(random.nextBoolean() ? 4 : 400) + 1);
        decoder.decode(bytes, i, n, out::add);
        i += n;
      }
      assertThat(out).as("run %d", run).isEqualTo(expected);
      assertThat(decoder.atFrameBoundary()).isTrue();
    }
  }

  /** A random packet that can be read back (an empty binary message cannot, see above). */
  private static EnginePacket randomPacket(Random random) {
    if (random.nextInt(3) == 0) {
      int[] sizes = {1, 2, 125, 126, 127, 65535, 65536, 70000};
      byte[] data =
          new byte
              [random.nextInt(4) == 0
                  ? sizes[random.nextInt(sizes.length)]
                  : 1 + random.nextInt(300)];
      random.nextBytes(data);
      return EnginePacket.binary(data);
    }
    EnginePacketType type = EnginePacketType.values()[random.nextInt(7)];
    if (random.nextInt(5) == 0) {
      return type == EnginePacketType.MESSAGE
          ? EnginePacket.message("")
          : EnginePacket.of(type, null);
    }
    String[] pool = {
      "a", "Z", "0", " ", "\"", "é", "€", "世", "😀", "\u0000", "\u001e", "\ufeff", "\ud800",
      "\udfff"
    };
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(4) == 0 ? random.nextInt(70000) : random.nextInt(130);
    for (int i = 0; i < length; i++) {
      text.append(pool[random.nextInt(pool.length)]);
    }
    return EnginePacket.of(type, text.toString());
  }

  /** {@code packet} as the decoder gives it back: lone surrogates as U+FFFD, "4" as message(""). */
  private static EnginePacket asRead(EnginePacket packet) {
    if (packet.isBinary()) {
      return packet;
    }
    String data = packet.data();
    if (data == null || data.isEmpty()) {
      return packet.type() == EnginePacketType.MESSAGE
          ? EnginePacket.message("")
          : EnginePacket.of(packet.type(), null);
    }
    return EnginePacket.of(
        packet.type(), new String(EngineStreamCodec.encodeUtf8(data), StandardCharsets.UTF_8));
  }
}
