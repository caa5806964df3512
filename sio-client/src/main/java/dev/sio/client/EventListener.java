package dev.sio.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Receives one event with its raw arguments: JSON values, binary ones as {@link
 * com.fasterxml.jackson.databind.node.BinaryNode}. Runs on the manager's event thread.
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Handles the event.
   *
   * @param args the arguments, without the event name
   * @param ack answers the server; {@link Ack#NONE} when it asked for no acknowledgement
   */
  void onEvent(List<JsonNode> args, Ack ack);
}
