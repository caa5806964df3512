package dev.sio.server.internal;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineSocket;

/**
 * The Engine.IO echo of the conformance fixture: every message goes straight back, text as text and
 * binary as binary, and nothing else is sent (no greeting).
 */
public final class EngineEchoHandler implements EngineHandler {

  @Override
  public void onOpen(EngineSocket socket) {}

  @Override
  public void onMessage(EngineSocket socket, String text) {
    socket.send(text);
  }

  @Override
  public void onBinary(EngineSocket socket, byte[] data) {
    socket.send(data);
  }

  @Override
  public void onClose(EngineSocket socket, String reason, String description) {}
}
