package dev.sio.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * The options of {@link AdminUi#instrument}, as {@code instrument(io, opts)} of {@code
 * @socket.io/admin-ui} 0.5.1 takes them, plus where the UI is served. Immutable; made by {@link
 * #builder()}.
 *
 * <pre>{@code
 * AdminOptions.builder().auth(AdminAuth.basic("admin", hash)).readonly(true).build();
 * }</pre>
 */
public final class AdminOptions {
  private final String namespaceName;
  private final AdminAuth auth;
  private final boolean readonly;
  private final String serverId;
  private final AdminSessionStore store;
  private final AdminMode mode;
  private final String uiPath;
  private final Duration statsInterval;
  private final int maxPendingLogins;

  private AdminOptions(Builder b) {
    this.namespaceName = b.namespaceName;
    this.auth = b.auth;
    this.readonly = b.readonly;
    this.serverId = b.serverId;
    this.store = b.store != null ? b.store : AdminSessionStore.inMemory();
    this.mode = b.mode;
    this.uiPath = b.uiPath;
    this.statsInterval = b.statsInterval;
    this.maxPendingLogins = b.maxPendingLogins;
  }

  /** {@return a builder with Node's defaults; {@link Builder#auth} must be set} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the admin namespace (default {@code "/admin"})} */
  public String namespaceName() {
    return namespaceName;
  }

  /** {@return how the UI logs in} */
  public AdminAuth auth() {
    return auth;
  }

  /**
   * {@return true when the UI may only look: every command (emit, join, leave, disconnect) is
   * refused}
   */
  public boolean readonly() {
    return readonly;
  }

  /**
   * {@return the id this server shows in the UI, or {@code null} for the host name (Node's
   * default)}
   */
  public String serverId() {
    return serverId;
  }

  /**
   * {@return where session ids of logged-in UIs are kept (default {@link
   * AdminSessionStore#inMemory()})}
   */
  public AdminSessionStore store() {
    return store;
  }

  /**
   * {@return how much the UI is told (default {@link AdminMode#DEVELOPMENT}, as Node without
   * NODE_ENV)}
   */
  public AdminMode mode() {
    return mode;
  }

  /**
   * {@return where the UI is served on the server's listener (default {@code "/admin/"}), or {@code
   * null} when it is not served (use the hosted UI, or serve {@code ui/dist} yourself)}
   */
  public String uiPath() {
    return uiPath;
  }

  /** {@return how often {@code server_stats} is sent (default 2 s, as Node)} */
  public Duration statsInterval() {
    return statsInterval;
  }

  /**
   * {@return how many password checks may wait at once (default 16); a login beyond that is refused
   * with {@code "too many pending logins"}} Each check takes bcrypt's time on one thread of its
   * own.
   */
  public int maxPendingLogins() {
    return maxPendingLogins;
  }

  /** Builds {@link AdminOptions}. */
  public static final class Builder {
    private String namespaceName = "/admin";
    private AdminAuth auth;
    private boolean readonly;
    private String serverId;
    private AdminSessionStore store;
    private AdminMode mode = AdminMode.DEVELOPMENT;
    private String uiPath = "/admin/";
    private Duration statsInterval = Duration.ofSeconds(2);
    private int maxPendingLogins = 16;

    private Builder() {}

    /**
     * The admin namespace; {@code "/"} is prepended when missing.
     *
     * @param namespaceName the admin namespace; {@code "/"} is prepended when missing
     * @return this builder
     */
    public Builder namespaceName(String namespaceName) {
      Objects.requireNonNull(namespaceName, "namespaceName");
      this.namespaceName = namespaceName.startsWith("/") ? namespaceName : "/" + namespaceName;
      return this;
    }

    /**
     * How the UI logs in: {@link AdminAuth#basic} or, explicitly, {@link AdminAuth#none()}.
     *
     * @param auth how the UI logs in: {@link AdminAuth#basic} or, explicitly, {@link
     *     AdminAuth#none()}
     * @return this builder
     */
    public Builder auth(AdminAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Refuses every command of the UI.
     *
     * @param readonly refuses every command of the UI
     * @return this builder
     */
    public Builder readonly(boolean readonly) {
      this.readonly = readonly;
      return this;
    }

    /**
     * The id this server shows in the UI.
     *
     * @param serverId the id this server shows in the UI
     * @return this builder
     */
    public Builder serverId(String serverId) {
      this.serverId = serverId;
      return this;
    }

    /**
     * Where session ids are kept.
     *
     * @param store where session ids are kept
     * @return this builder
     */
    public Builder store(AdminSessionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * How much the UI is told.
     *
     * @param mode how much the UI is told
     * @return this builder
     */
    public Builder mode(AdminMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Where the UI is served, ending with {@code /}; {@code null} serves nothing.
     *
     * @param uiPath where the UI is served, ending with {@code /}; {@code null} serves nothing
     * @return this builder
     */
    public Builder uiPath(String uiPath) {
      this.uiPath = uiPath;
      return this;
    }

    /**
     * How often {@code server_stats} is sent.
     *
     * @param statsInterval how often {@code server_stats} is sent
     * @return this builder
     */
    public Builder statsInterval(Duration statsInterval) {
      this.statsInterval = Objects.requireNonNull(statsInterval, "statsInterval");
      return this;
    }

    /**
     * How many password checks may wait at once.
     *
     * @param maxPendingLogins how many password checks may wait at once
     * @return this builder
     */
    public Builder maxPendingLogins(int maxPendingLogins) {
      this.maxPendingLogins = maxPendingLogins;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the admin options
     * @throws IllegalArgumentException with Node's message when {@code auth} was not set, or naming
     *     the option that is out of range
     */
    public AdminOptions build() {
      if (auth == null) {
        throw new IllegalArgumentException(
            "the `auth` option must be specified or explicitly set to `false`"
                + " (AdminAuth.none())");
      }
      if (uiPath != null && (!uiPath.startsWith("/") || !uiPath.endsWith("/"))) {
        throw new IllegalArgumentException(
            "uiPath must start and end with '/', got \"" + uiPath + "\"");
      }
      if (statsInterval.isNegative() || statsInterval.isZero()) {
        throw new IllegalArgumentException("statsInterval must be positive, got " + statsInterval);
      }
      if (maxPendingLogins <= 0) {
        throw new IllegalArgumentException(
            "maxPendingLogins must be positive, got " + maxPendingLogins);
      }
      return new AdminOptions(this);
    }
  }
}
