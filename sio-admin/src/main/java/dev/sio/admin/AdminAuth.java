package dev.sio.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How the UI logs in ({@code auth} of {@code @socket.io/admin-ui}): {@link #none()} (Node's {@code
 * false}) or {@link #basic} with a bcrypt hash of the password. There is no default: {@link
 * AdminOptions.Builder#build()} refuses options without one, as Node does.
 */
public final class AdminAuth {
  private static final AdminAuth NONE = new AdminAuth(null, null);

  private final String username; // null for none()
  private final String passwordHash; // null for none()

  private AdminAuth(String username, String passwordHash) {
    this.username = username;
    this.passwordHash = passwordHash;
  }

  /**
   * {@return no authentication: anyone who reaches the admin namespace may use it} Use with
   * caution.
   */
  public static AdminAuth none() {
    return NONE;
  }

  /**
   * Username and password, the password given as a bcrypt hash ({@code $2a$}, {@code $2b$} or
   * {@code $2y$}, as bcryptjs or {@code htpasswd -B} write it).
   *
   * @param username the user name
   * @param passwordHash the password hash
   * @return the new admin auth
   * @throws IllegalArgumentException with Node's message when {@code passwordHash} is not a valid
   *     bcrypt hash
   */
  public static AdminAuth basic(String username, String passwordHash) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (!isBcryptHash(passwordHash)) {
      throw new IllegalArgumentException("the `password` field must be a valid bcrypt hash");
    }
    return new AdminAuth(username, passwordHash);
  }

  /**
   * {@return a bcrypt hash of {@code password} (cost 10, as bcryptjs's default), for {@link
   * #basic}}
   *
   * @param password the password
   */
  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(10, password.toCharArray());
  }

  private static boolean isBcryptHash(String hash) {
    // $2x$NN$ + 53 characters of bcrypt's base64 (22 of salt, 31 of hash).
    if (!hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
      return false;
    }
    int cost = Integer.parseInt(hash.substring(4, 6));
    return cost >= 4 && cost <= 31;
  }

  /** {@return true for {@link #none()}} */
  public boolean disabled() {
    return username == null;
  }

  /** {@return the username, or {@code null} for {@link #none()}} */
  public String username() {
    return username;
  }

  /**
   * {@return true when {@code username} and {@code password} match} Takes as long as bcrypt does
   * (tens of milliseconds at cost 10): never call it on an event loop.
   *
   * @param username the user name
   * @param password the password
   */
  public boolean matches(String username, String password) {
    if (disabled() || username == null || password == null || !this.username.equals(username)) {
      return false;
    }
    return BCrypt.verifyer()
        .verify(
            password.getBytes(StandardCharsets.UTF_8),
            passwordHash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  @Override
  public String toString() {
    return disabled() ? "AdminAuth[none]" : "AdminAuth[basic " + username + "]";
  }
}
