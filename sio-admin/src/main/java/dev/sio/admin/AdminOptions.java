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

  /** A builder with Node's defaults; {@link Builder#auth} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The admin namespace (default {@code "/admin"}). */
  public String namespaceName() {
    return namespaceName;
  }

  /** How the UI logs in. */
  public AdminAuth auth() {
    return auth;
  }

  /** True when the UI may only look: every command (emit, join, leave, disconnect) is refused. */
  public boolean readonly() {
    return readonly;
  }

  /** The id this server shows in the UI, or {@code null} for the host name (Node's default). */
  public String serverId() {
    return serverId;
  }

  /** Where session ids of logged-in UIs are kept (default {@link AdminSessionStore#inMemory()}). */
  public AdminSessionStore store() {
    return store;
  }

  /** How much the UI is told (default {@link AdminMode#DEVELOPMENT}, as Node without NODE_ENV). */
  public AdminMode mode() {
    return mode;
  }

  /**
   * Where the UI is served on the server's listener (default {@code "/admin/"}), or {@code null}
   * when it is not served (use the hosted UI, or serve {@code ui/dist} yourself).
   */
  public String uiPath() {
    return uiPath;
  }

  /** How often {@code server_stats} is sent (default 2 s, as Node). */
  public Duration statsInterval() {
    return statsInterval;
  }

  /**
   * How many password checks may wait at once (default 16); a login beyond that is refused with
   * {@code "too many pending logins"}. Each check takes bcrypt's time on one thread of its own.
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

    /** The admin namespace; {@code "/"} is prepended when missing. */
    public Builder namespaceName(String namespaceName) {
      Objects.requireNonNull(namespaceName, "namespaceName");
      this.namespaceName = namespaceName.startsWith("/") ? namespaceName : "/" + namespaceName;
      return this;
    }

    /** How the UI logs in: {@link AdminAuth#basic} or, explicitly, {@link AdminAuth#none()}. */
    public Builder auth(AdminAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /** Refuses every command of the UI. */
    public Builder readonly(boolean readonly) {
      this.readonly = readonly;
      return this;
    }

    /** The id this server shows in the UI. */
    public Builder serverId(String serverId) {
      this.serverId = serverId;
      return this;
    }

    /** Where session ids are kept. */
    public Builder store(AdminSessionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** How much the UI is told. */
    public Builder mode(AdminMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Where the UI is served, ending with {@code /}; {@code null} serves nothing. */
    public Builder uiPath(String uiPath) {
      this.uiPath = uiPath;
      return this;
    }

    /** How often {@code server_stats} is sent. */
    public Builder statsInterval(Duration statsInterval) {
      this.statsInterval = Objects.requireNonNull(statsInterval, "statsInterval");
      return this;
    }

    /** How many password checks may wait at once. */
    public Builder maxPendingLogins(int maxPendingLogins) {
      this.maxPendingLogins = maxPendingLogins;
      return this;
    }

    /**
     * Validates and builds.
     *
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
