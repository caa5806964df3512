package dev.sio.redis.internal;

import dev.sio.redis.RedisAdapterException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Lettuce's exceptions turned into {@link RedisAdapterException}s that say what failed. */
public final class RedisErrors {
  private RedisErrors() {}

  /**
   * {@code uri} parsed.
   *
   * @throws IllegalArgumentException naming the text when it is not a Redis URI
   */
  public static RedisURI parseUri(String uri) {
    try {
      return RedisURI.create(uri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a Redis URI (redis://[:password@]host:port[/db], rediss:// for TLS): \""
              + uri
              + "\": "
              + e.getMessage(),
          e);
    }
  }

  /** {@code host:port} of {@code uri}, without its password, for messages. */
  public static String where(String uri) {
    RedisURI parsed = parseUri(uri);
    return parsed.getHost() + ":" + parsed.getPort();
  }

  /** {@code error} as a {@link RedisAdapterException} about {@code what}, unless it already is. */
  public static RuntimeException wrap(String what, Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof RedisAdapterException r) {
      return r;
    }
    if (e instanceof RedisException || e instanceof java.io.IOException) {
      return new RedisAdapterException(what + " failed: " + e.getMessage(), e);
    }
    return e instanceof RuntimeException r ? r : new RedisAdapterException(what + " failed", e);
  }

  /** {@code future}, failing with {@link #wrap} of its error. */
  public static <T> CompletableFuture<T> wrapped(String what, CompletableFuture<T> future) {
    CompletableFuture<T> out = new CompletableFuture<>();
    future.whenComplete(
        (v, e) -> {
          if (e != null) {
            out.completeExceptionally(wrap(what, e));
          } else {
            out.complete(v);
          }
        });
    return out;
  }

  /**
   * True when {@code error} says the command never reached Redis or its answer was lost with the
   * connection (rejected while disconnected, connection closed or reset, timed out while the link
   * was down).
   */
  public static boolean isConnectionLoss(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof io.lettuce.core.RedisCommandTimeoutException
        || e instanceof io.lettuce.core.RedisConnectionException
        || e instanceof java.io.IOException
        || e instanceof java.util.concurrent.CancellationException) {
      return true;
    }
    String m = e.getMessage();
    return e instanceof RedisException
        && m != null
        && (m.contains("not connected") || m.contains("closed") || m.contains("Connection"));
  }

  /**
   * True when {@code error} is a Redis Cluster's answer that passes (the cluster lost a node and is
   * down, a slot is migrating, or too many redirections while the topology changes).
   */
  public static boolean isClusterTransient(Throwable error) {
    String m = unwrap(error).getMessage();
    return m != null
        && (m.startsWith("CLUSTERDOWN")
            || m.startsWith("TRYAGAIN")
            || m.startsWith("MOVED")
            || m.startsWith("ASK")
            || m.startsWith("LOADING")
            || m.contains("Too many redirections")
            || m.contains("Cannot determine a partition"));
  }

  /** The innermost cause's message. */
  public static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
