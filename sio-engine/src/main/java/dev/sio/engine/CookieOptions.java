package dev.sio.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The cookie that carries the session id in the handshake response (for sticky sessions). Off
 * unless set in {@link EngineOptions}; Node's defaults: name {@code io}, path {@code /}, HttpOnly,
 * SameSite=Lax.
 */
public final class CookieOptions {
  private final String name;
  private final String path;
  private final String domain;
  private final boolean httpOnly;
  private final boolean secure;
  private final String sameSite;
  private final Duration maxAge;

  private CookieOptions(Builder b) {
    this.name = b.name;
    this.path = b.path;
    this.domain = b.domain;
    this.httpOnly = b.httpOnly;
    this.secure = b.secure;
    this.sameSite = b.sameSite;
    this.maxAge = b.maxAge;
  }

  /** {@return a builder with Node's defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the cookie name} */
  public String name() {
    return name;
  }

  /**
   * {@return the {@code Set-Cookie} value for session {@code sid}, attributes in the order of the
   * npm {@code cookie} package}
   *
   * @param sid the Engine.IO session id
   */
  public String serialize(String sid) {
    StringBuilder out = new StringBuilder(name).append('=').append(sid);
    if (maxAge != null) {
      out.append("; Max-Age=").append(maxAge.toSeconds());
    }
    if (domain != null) {
      out.append("; Domain=").append(domain);
    }
    if (path != null) {
      out.append("; Path=").append(path);
    }
    if (httpOnly) {
      out.append("; HttpOnly");
    }
    if (secure) {
      out.append("; Secure");
    }
    if (sameSite != null) {
      out.append("; SameSite=").append(sameSite);
    }
    return out.toString();
  }

  /** Builds {@link CookieOptions}. */
  public static final class Builder {
    private String name = "io";
    private String path = "/";
    private String domain;
    private boolean httpOnly = true;
    private boolean secure;
    private String sameSite = "Lax";
    private Duration maxAge;

    private Builder() {}

    /**
     * Cookie name (default {@code io}).
     *
     * @param name cookie name (default {@code io})
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Path attribute (default {@code /}); {@code null} omits it.
     *
     * @param path path attribute (default {@code /}); {@code null} omits it
     * @return this builder
     */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /**
     * Domain attribute (default none).
     *
     * @param domain domain attribute (default none)
     * @return this builder
     */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /**
     * HttpOnly attribute (default true).
     *
     * @param httpOnly HttpOnly attribute (default true)
     * @return this builder
     */
    public Builder httpOnly(boolean httpOnly) {
      this.httpOnly = httpOnly;
      return this;
    }

    /**
     * Secure attribute (default false).
     *
     * @param secure secure attribute (default false)
     * @return this builder
     */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /**
     * SameSite: {@code "Strict"}, {@code "Lax"} (default), {@code "None"}, or {@code null}.
     *
     * @param sameSite SameSite: {@code "Strict"}, {@code "Lax"} (default), {@code "None"}, or
     *     {@code null}
     * @return this builder
     */
    public Builder sameSite(String sameSite) {
      this.sameSite = sameSite;
      return this;
    }

    /**
     * Max-Age attribute (default none: a session cookie).
     *
     * @param maxAge Max-Age attribute (default none: a session cookie)
     * @return this builder
     */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the cookie options
     */
    public CookieOptions build() {
      if (name.isEmpty()
          || !name.chars()
              .allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
        throw new IllegalArgumentException("cookie name must be a token, got \"" + name + "\"");
      }
      if (sameSite != null) {
        String s = sameSite.toLowerCase(Locale.ROOT);
        sameSite =
            switch (s) {
              case "strict" -> "Strict";
              case "lax" -> "Lax";
              case "none" -> "None";
              default ->
                  throw new IllegalArgumentException(
                      "cookie sameSite must be Strict, Lax or None, got \"" + sameSite + "\"");
            };
      }
      return new CookieOptions(this);
    }
  }
}
