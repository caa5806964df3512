package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandshake;
import dev.sio.engine.EngineMessage;
import dev.sio.engine.EngineSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EngineEchoHandlerTest {
  private final RecordingSocket socket = new RecordingSocket();
  private final EngineEchoHandler echo = new EngineEchoHandler();

  @Test
  void sendsNothingOnOpenOrClose() {
    echo.onOpen(socket);
    echo.onClose(socket, "transport close", null);
    assertThat(socket.sent).isEmpty();
  }

  @Test
  void echoesTextAsTextAndBinaryAsBinary() {
    byte[] bytes = {1, 2, 3, 4};
    echo.onOpen(socket);
    echo.onMessage(socket, "hello €");
    echo.onBinary(socket, bytes);

    assertThat(socket.sent).containsExactly("hello €", bytes);
  }

  /** Records what the handler sends, in order: Strings for text, byte arrays for binary. */
  private static final class RecordingSocket implements EngineSocket {
    final List<Object> sent = new ArrayList<>();

    @Override
    public String id() {
      return "AAAAAAAAAAAAAAAAAAAA";
    }

    @Override
    public EngineHandshake handshake() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String transport() {
      return "polling";
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void send(String text) {
      sent.add(text);
    }

    @Override
    public void send(byte[] data) {
      sent.add(data);
    }

    @Override
    public void send(EngineMessage message) {
      sent.add(message);
    }

    @Override
    public void close() {}

    @Override
    public Executor executor() {
      return Runnable::run;
    }
  }
}
