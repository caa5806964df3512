package dev.sio.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An event received from the client, as a packet middleware sees it.
 *
 * @param name the event name
 * @param args the arguments
 * @param ack the acknowledgement (see {@link Ack#requested()})
 */
public record IncomingEvent(String name, List<JsonNode> args, Ack ack) {}
