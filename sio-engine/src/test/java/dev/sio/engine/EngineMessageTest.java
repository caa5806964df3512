package dev.sio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EngineMessageTest {
  @Test
  void holdsTextOrBinary() {
    EngineMessage t = EngineMessage.text("héllo");
    assertThat(t.isBinary()).isFalse();
    assertThat(t.text()).isEqualTo("héllo");
    assertThat(t.binary()).isNull();
    assertThat(t).hasToString("EngineMessage[6 bytes of text]");
    byte[] data = {1, 2};
    EngineMessage b = EngineMessage.binary(data);
    assertThat(b.isBinary()).isTrue();
    assertThat(b.binary()).isSameAs(data);
    assertThat(b).hasToString("EngineMessage[binary 2 bytes]");
    assertThatThrownBy(() -> EngineMessage.text(null)).isInstanceOf(NullPointerException.class);
  }
}
