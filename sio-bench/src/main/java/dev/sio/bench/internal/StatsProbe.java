package dev.sio.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads one server's figures: {@code GET http://host:port/sio-stats} (each request bounded: 30 s,
 * for a server on a crowded machine) and the process's open files and threads from {@code /proc}.
 */
public final class StatsProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
  private final URI uri;
  private final URI gcUri;
  private final long pid;

  /** Probes the server at {@code host:port}, process {@code pid}. */
  public StatsProbe(String host, int port, long pid) {
    this.uri = URI.create("http://" + host + ":" + port + "/sio-stats");
    this.gcUri = URI.create("http://" + host + ":" + port + "/sio-stats?gc=1");
    this.pid = pid;
  }

  /** The stats route's JSON object; throws when the server does not answer 200 in time. */
  public JsonNode stats() {
    return get(uri);
  }

  /** The heap in use after a full GC the server runs first ({@code ?gc=1}). */
  public long liveHeap() {
    return get(gcUri).path("heapLive").asLong(-1);
  }

  private JsonNode get(URI uri) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("no stats from " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Direct memory from a stats answer: the allocator's own count, else Netty's global one. */
  public static long direct(JsonNode stats) {
    if (stats.has("allocatorDirectUsed")) {
      return stats.get("allocatorDirectUsed").asLong();
    }
    return stats.path("nettyDirectUsed").asLong(-1);
  }

  /** Open file descriptors of the process, or -1. */
  public long fds() {
    try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
      long n = 0;
      for (Path ignored : d) {
        n++;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Threads of the process ({@code Threads:} of {@code /proc/PID/status}), or -1. */
  public long threads() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("Threads:")) {
          return Long.parseLong(line.substring(8).trim());
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident set size of the process, or -1. */
  public long rss() {
    return ProcStats.rssBytes(pid);
  }
}
