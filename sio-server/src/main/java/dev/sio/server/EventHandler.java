package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Handles an event with its raw arguments: JSON values, with binary attachments as {@code
 * BinaryNode}s ({@code node.binaryValue()}).
 */
@FunctionalInterface
public interface EventHandler {
  /**
   * @param args the arguments after the event name (not the acknowledgement)
   * @param ack the answer, when the sender asked for one ({@link Ack#requested()})
   */
  void handle(List<JsonNode> args, Ack ack) throws Exception;
}
