package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An acknowledgement did not arrive in time. The message is Node's ({@code "operation has timed
 * out"} for emits). For broadcasts and server-side emits, {@link #responses()} holds the answers
 * received before the timeout.
 */
public final class AckTimeoutException extends TimeoutException {
  private final transient List<JsonNode> responses;

  /**
   * With no answer received.
   *
   * @param message the message
   */
  public AckTimeoutException(String message) {
    this(message, List.of());
  }

  /**
   * With the answers received before the timeout.
   *
   * @param message the message
   * @param responses the responses
   */
  public AckTimeoutException(String message, List<JsonNode> responses) {
    super(message);
    this.responses = List.copyOf(responses);
  }

  /** {@return the answers received before the timeout (first argument of each), possibly empty} */
  public List<JsonNode> responses() {
    return responses;
  }
}
