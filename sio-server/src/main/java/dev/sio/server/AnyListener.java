package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Sees every event, incoming ({@code onAny}) or outgoing ({@code onAnyOutgoing}). */
@FunctionalInterface
public interface AnyListener {
  /**
   * @param event the event name
   * @param args the arguments (for outgoing broadcasts with recovery on, the offset is the last)
   */
  void onEvent(String event, List<JsonNode> args);
}
