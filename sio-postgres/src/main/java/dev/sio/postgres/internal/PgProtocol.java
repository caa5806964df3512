package dev.sio.postgres.internal;

/**
 * What {@code @socket.io/postgres-adapter} 0.5 and {@code @socket.io/postgres-emitter} 0.1 put on
 * the wire, and the SQL that carries it.
 *
 * <pre>
 * SELECT pg_notify('socket.io#/', '{"type":3,"data":{...},"uid":"…","nsp":"/"}')
 *
 * binary, or JSON over payloadThreshold bytes:
 *   INSERT INTO socket_io_attachments (payload) VALUES (msgpack of the whole message) RETURNING id
 *   SELECT pg_notify('socket.io#/', '{"uid":"…","type":3,"attachmentId":"42"}')
 * </pre>
 */
public final class PgProtocol {
  private PgProtocol() {}

  /** The largest NOTIFY payload PostgreSQL accepts is one byte less than this. */
  public static final int NOTIFY_PAYLOAD_LIMIT = 8000;

  /** The header field naming the attachment row ({@code bigserial}, written as a JSON string). */
  public static final String ATTACHMENT_ID = "attachmentId";

  /** Publishes one notification: channel, payload. */
  public static final String NOTIFY = "SELECT pg_notify(?, ?)";

  /** The channel of namespace {@code nsp}: {@code prefix#nsp}. */
  public static String channel(String prefix, String nsp) {
    return prefix + "#" + nsp;
  }

  /** {@code LISTEN "channel"} (the channel quoted as an identifier, as Node does). */
  public static String listen(String channel) {
    return "LISTEN " + quote(channel);
  }

  /** {@code UNLISTEN "channel"}. */
  public static String unlisten(String channel) {
    return "UNLISTEN " + quote(channel);
  }

  /** The table, as the README of the Node adapter creates it. */
  public static String createTable(String table) {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)";
  }

  /** Stores one attachment and returns its id. */
  public static String insert(String table) {
    return "INSERT INTO " + table + " (payload) VALUES (?) RETURNING id";
  }

  /** Reads one attachment. */
  public static String select(String table) {
    return "SELECT payload FROM " + table + " WHERE id = ?";
  }

  /** Deletes the attachments older than {@code millis}, as every node does each interval. */
  public static String cleanup(String table, long millis) {
    return "DELETE FROM "
        + table
        + " WHERE created_at < now() - interval '"
        + millis
        + " milliseconds'";
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
