package dev.sio.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Cross-origin rules for Engine.IO requests, with the semantics of the npm {@code cors} package
 * that Node's engine.io uses: {@code Access-Control-Allow-Origin} is {@code *}, or the request's
 * origin when it is allowed (with {@code Vary: Origin}); an {@code OPTIONS} preflight is answered
 * with 204 and never reaches the engine.
 *
 * <pre>{@code
 * CorsOptions.builder().origins("https://chat.example.com").credentials(true).build()
 * }</pre>
 */
public final class CorsOptions {
  /** npm cors' default allowed methods. */
  public static final String DEFAULT_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

  private final String fixedOrigin; // "*" or one origin, or null when the predicate decides
  private final Predicate<String> originPredicate; // null when fixedOrigin is set
  private final boolean credentials;
  private final String methods;
  private final String allowedHeaders; // null: reflect Access-Control-Request-Headers
  private final String exposedHeaders; // null: none
  private final Duration maxAge; // null: none

  private CorsOptions(Builder b) {
    this.fixedOrigin = b.fixedOrigin;
    this.originPredicate = b.originPredicate;
    this.credentials = b.credentials;
    this.methods = b.methods;
    this.allowedHeaders = b.allowedHeaders;
    this.exposedHeaders = b.exposedHeaders;
    this.maxAge = b.maxAge;
  }

  /** {@return every origin, answered with {@code Access-Control-Allow-Origin: *}} */
  public static CorsOptions anyOrigin() {
    return builder().build();
  }

  /** {@return a builder; the default origin is {@code "*"}} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return {@code "*"}, one fixed origin, or {@code null} when a list or predicate decides} */
  public String fixedOrigin() {
    return fixedOrigin;
  }

  /**
   * {@return whether {@code origin} is allowed (always true for a fixed origin, as npm cors)}
   *
   * @param origin the origin
   */
  public boolean allows(String origin) {
    return originPredicate == null || (origin != null && originPredicate.test(origin));
  }

  /** {@return true when the allowed origin echoes the request's origin} */
  public boolean reflectsOrigin() {
    return originPredicate != null;
  }

  /** {@return {@code Access-Control-Allow-Credentials: true} when set} */
  public boolean credentials() {
    return credentials;
  }

  /** {@return {@code Access-Control-Allow-Methods} of a preflight} */
  public String methods() {
    return methods;
  }

  /** {@return {@code Access-Control-Allow-Headers}, or {@code null} to reflect the request's} */
  public String allowedHeaders() {
    return allowedHeaders;
  }

  /** {@return {@code Access-Control-Expose-Headers}, or {@code null}} */
  public String exposedHeaders() {
    return exposedHeaders;
  }

  /** {@return {@code Access-Control-Max-Age} of a preflight, or {@code null}} */
  public Duration maxAge() {
    return maxAge;
  }

  /** Builds {@link CorsOptions}. */
  public static final class Builder {
    private String fixedOrigin = "*";
    private Predicate<String> originPredicate;
    private boolean credentials;
    private String methods = DEFAULT_METHODS;
    private String allowedHeaders;
    private String exposedHeaders;
    private Duration maxAge;

    private Builder() {}

    /**
     * Every origin as {@code *} (the default).
     *
     * @return this builder
     */
    public Builder anyOrigin() {
      this.fixedOrigin = "*";
      this.originPredicate = null;
      return this;
    }

    /**
     * One fixed origin, sent whatever the request's origin (npm cors with a string).
     *
     * @param origin one fixed origin, sent whatever the request's origin (npm cors with a string)
     * @return this builder
     */
    public Builder origin(String origin) {
      this.fixedOrigin = Objects.requireNonNull(origin, "origin");
      this.originPredicate = null;
      return this;
    }

    /**
     * Only these origins; an allowed request's origin is echoed.
     *
     * @param origins only these origins; an allowed request's origin is echoed
     * @return the new builder
     */
    public Builder origins(String... origins) {
      return origins(List.of(origins));
    }

    /**
     * Only these origins; an allowed request's origin is echoed.
     *
     * @param origins only these origins; an allowed request's origin is echoed
     * @return the new builder
     */
    public Builder origins(List<String> origins) {
      List<String> copy = List.copyOf(origins);
      return originPredicate(copy::contains);
    }

    /**
     * Echo the request's origin (npm cors with {@code origin: true}).
     *
     * @return the new builder
     */
    public Builder reflectOrigin() {
      return originPredicate(origin -> true);
    }

    /**
     * Origins for which {@code allowed} is true; an allowed request's origin is echoed.
     *
     * @param allowed origins for which {@code allowed} is true; an allowed request's origin is
     *     echoed
     * @return this builder
     */
    public Builder originPredicate(Predicate<String> allowed) {
      this.originPredicate = Objects.requireNonNull(allowed, "allowed");
      this.fixedOrigin = null;
      return this;
    }

    /**
     * Send {@code Access-Control-Allow-Credentials: true}.
     *
     * @param credentials send {@code Access-Control-Allow-Credentials: true}
     * @return this builder
     */
    public Builder credentials(boolean credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Methods allowed in a preflight (default {@value CorsOptions#DEFAULT_METHODS}).
     *
     * @param methods methods allowed in a preflight (default {@value CorsOptions#DEFAULT_METHODS})
     * @return this builder
     */
    public Builder methods(String... methods) {
      this.methods = String.join(",", methods);
      return this;
    }

    /**
     * Headers allowed in a preflight (default: those the preflight asks for).
     *
     * @param headers headers allowed in a preflight (default: those the preflight asks for)
     * @return this builder
     */
    public Builder allowedHeaders(String... headers) {
      this.allowedHeaders = String.join(",", headers);
      return this;
    }

    /**
     * Response headers the browser may read.
     *
     * @param headers response headers the browser may read
     * @return this builder
     */
    public Builder exposedHeaders(String... headers) {
      this.exposedHeaders = String.join(",", headers);
      return this;
    }

    /**
     * How long a browser may cache a preflight answer (whole seconds).
     *
     * @param maxAge how long a browser may cache a preflight answer (whole seconds)
     * @return this builder
     */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the cors options
     */
    public CorsOptions build() {
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("cors methods must not be empty");
      }
      if (maxAge != null && maxAge.isNegative()) {
        throw new IllegalArgumentException("cors maxAge must not be negative, got " + maxAge);
      }
      return new CorsOptions(this);
    }
  }
}
