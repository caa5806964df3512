package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Receives every event (incoming or outgoing) with its name and arguments, on the event thread. */
@FunctionalInterface
public interface AnyListener {
  /**
   * Handles one event.
   *
   * @param event the event name
   * @param args the arguments
   */
  void onEvent(String event, List<JsonNode> args);
}
