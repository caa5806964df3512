package dev.sio.postgres.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens the adapter's connections with pgjdbc: autocommit, TCP keep-alive, a connect timeout and a
 * socket timeout (so a half-open connection fails instead of hanging), and an {@code
 * application_name} that says which connection it is.
 *
 * @param url the JDBC URL
 * @param user the user
 * @param password the password, or {@code null}
 * @param applicationName the base of {@code application_name}
 * @param connectTimeout how long opening may take
 * @param reconnectDelay the base delay between attempts
 */
public record PgConnector(
    String url,
    String user,
    String password,
    String applicationName,
    Duration connectTimeout,
    Duration reconnectDelay) {

  /** How long a statement may wait for the server before the connection counts as lost. */
  public Duration socketTimeout() {
    Duration d = connectTimeout.multipliedBy(2);
    return d.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : d;
  }

  /**
   * Opens a connection named {@code applicationName-role}.
   *
   * @throws SQLException when the database cannot be reached or refuses the login
   */
  public Connection open(String role) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty(
        "ApplicationName", applicationName.isEmpty() ? role : applicationName + "-" + role);
    p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    p.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    p.setProperty("socketTimeout", Long.toString(socketTimeout().toSeconds()));
    p.setProperty("tcpKeepAlive", "true");
    Connection c = DriverManager.getConnection(url, p);
    c.setAutoCommit(true);
    return c;
  }

  /** The next delay before reconnecting: between half and one and a half of the base, as Node. */
  public long nextDelayMillis() {
    long base = reconnectDelay.toMillis();
    return (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
  }

  /** Where the database is, for messages (the URL without its query). */
  public String where() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /**
   * True when {@code e} means the connection is gone (SQLSTATE class 08, an administrator's
   * termination or a shutdown, or no state at all from an I/O failure), so the statement is retried
   * on a new connection rather than failed.
   */
  public static boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    return state == null
        || state.startsWith("08")
        || state.startsWith("57P")
        || state.equals("53300"); // too many connections
  }

  /** Closes {@code c} quietly. */
  public static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
    }
  }
}
