package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Receives an event (the same name as the client's). Handles an event with its raw arguments: JSON
 * values, with binary attachments as {@code BinaryNode}s ({@code node.binaryValue()}).
 */
@FunctionalInterface
public interface EventListener {
  /**
   * @param args the arguments after the event name (not the acknowledgement)
   * @param ack the answer, when the sender asked for one ({@link Ack#requested()})
   * @throws Exception when it fails
   */
  void onEvent(List<JsonNode> args, Ack ack) throws Exception;
}
