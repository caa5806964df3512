package dev.sio.servlet;

/**
 * How a {@link ServletEngineHost} runs inside its container: its Sio loops, the write buffer marks
 * of a WebSocket, the inbound backlog of a session and the name of its filter. Immutable; built
 * with {@link #builder()}.
 *
 * <pre>{@code
 * ServletHostOptions options = ServletHostOptions.builder().loopThreads(2).build();
 * }</pre>
 */
public final class ServletHostOptions {
  private final int loopThreads;
  private final int writeBufferHighWaterMark;
  private final int writeBufferLowWaterMark;
  private final long inboundBacklogBytes;
  private final String filterName;

  private ServletHostOptions(Builder b) {
    this.loopThreads = b.loopThreads;
    this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
    this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
    this.inboundBacklogBytes = b.inboundBacklogBytes;
    this.filterName = b.filterName;
  }

  /** {@return the defaults} */
  public static ServletHostOptions defaults() {
    return builder().build();
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the number of Sio loops ({@code sio-servlet-N} threads); default: the CPUs} */
  public int loopThreads() {
    return loopThreads;
  }

  /** {@return the pending bytes above which a WebSocket is not writable; default 64 KiB} */
  public int writeBufferHighWaterMark() {
    return writeBufferHighWaterMark;
  }

  /** {@return the pending bytes below which it is writable again; default 32 KiB} */
  public int writeBufferLowWaterMark() {
    return writeBufferLowWaterMark;
  }

  /**
   * {@return the bytes of received messages a session may have waiting for its loop before the
   * container thread delivering more waits (Jakarta cannot pause reading); default 1 MiB}
   */
  public long inboundBacklogBytes() {
    return inboundBacklogBytes;
  }

  /** {@return the name the filter is registered under; default {@code "sio-engine"}} */
  public String filterName() {
    return filterName;
  }

  /** Builds {@link ServletHostOptions}. */
  public static final class Builder {
    private int loopThreads = Runtime.getRuntime().availableProcessors();
    private int writeBufferHighWaterMark = 64 * 1024;
    private int writeBufferLowWaterMark = 32 * 1024;
    private long inboundBacklogBytes = 1024 * 1024;
    private String filterName = "sio-engine";

    private Builder() {}

    /**
     * Sets the number of Sio loops.
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder loopThreads(int n) {
      this.loopThreads = n;
      return this;
    }

    /**
     * Sets the high water mark of a WebSocket's pending bytes.
     *
     * @param bytes at least the low water mark
     * @return this builder
     */
    public Builder writeBufferHighWaterMark(int bytes) {
      this.writeBufferHighWaterMark = bytes;
      return this;
    }

    /**
     * Sets the low water mark of a WebSocket's pending bytes.
     *
     * @param bytes at least 0
     * @return this builder
     */
    public Builder writeBufferLowWaterMark(int bytes) {
      this.writeBufferLowWaterMark = bytes;
      return this;
    }

    /**
     * Sets the inbound backlog of a session.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder inboundBacklogBytes(long bytes) {
      this.inboundBacklogBytes = bytes;
      return this;
    }

    /**
     * Sets the filter's name.
     *
     * @param name not blank
     * @return this builder
     */
    public Builder filterName(String name) {
      this.filterName = name;
      return this;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalArgumentException when a value is out of range, saying which
     */
    public ServletHostOptions build() {
      if (loopThreads < 1) {
        throw new IllegalArgumentException("loopThreads must be at least 1, got " + loopThreads);
      }
      if (writeBufferLowWaterMark < 0 || writeBufferLowWaterMark > writeBufferHighWaterMark) {
        throw new IllegalArgumentException(
            "writeBufferLowWaterMark must be between 0 and writeBufferHighWaterMark ("
                + writeBufferHighWaterMark
                + "), got "
                + writeBufferLowWaterMark);
      }
      if (inboundBacklogBytes < 1) {
        throw new IllegalArgumentException(
            "inboundBacklogBytes must be at least 1, got " + inboundBacklogBytes);
      }
      if (filterName == null || filterName.isBlank()) {
        throw new IllegalArgumentException("filterName must not be blank");
      }
      return new ServletHostOptions(this);
    }
  }
}
