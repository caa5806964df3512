package dev.sio.bench.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's memory for TCP sockets, machine-wide: the pages of socket buffers ({@code TCP ...
 * mem} of {@code /proc/net/sockstat}) and the slab caches a socket and its file take ({@code
 * /proc/slabinfo}, readable by root only). Machine-wide, so a difference over a run includes what
 * other processes did meanwhile; over loopback both ends of every connection are counted.
 */
public final class KernelMemory {
  /** The slab caches one open TCP socket (and its file descriptor, and its epoll entry) uses. */
  static final List<String> SOCKET_CACHES =
      List.of(
          "TCP", "TCPv6", "sock_inode_cache", "filp", "dentry", "eventpoll_epi", "eventpoll_pwq");

  private static final long PAGE = 4096;

  private KernelMemory() {}

  /** One reading: socket buffer bytes and socket slab bytes, each -1 when unreadable. */
  public record Sample(long tcpBufferBytes, long socketSlabBytes) {}

  /** Reads both figures now. */
  public static Sample sample() {
    return new Sample(
        tcpBufferBytes(read("/proc/net/sockstat")), slabBytes(read("/proc/slabinfo")));
  }

  /** {@code mem} (pages) of the {@code TCP:} line of a sockstat text, in bytes, or -1. */
  static long tcpBufferBytes(String sockstat) {
    if (sockstat == null) {
      return -1;
    }
    for (String line : sockstat.split("\n")) {
      if (line.startsWith("TCP:")) {
        String[] f = line.trim().split("\\s+");
        for (int i = 1; i + 1 < f.length; i++) {
          if (f[i].equals("mem")) {
            return Long.parseLong(f[i + 1]) * PAGE;
          }
        }
      }
    }
    return -1;
  }

  /** Bytes of the active objects of {@link #SOCKET_CACHES} in a slabinfo text, or -1. */
  static long slabBytes(String slabinfo) {
    if (slabinfo == null) {
      return -1;
    }
    long total = 0;
    boolean any = false;
    for (String line : slabinfo.split("\n")) {
      String[] f = line.trim().split("\\s+");
      // name active_objs num_objs objsize ...
      if (f.length > 3 && SOCKET_CACHES.contains(f[0])) {
        try {
          total += Long.parseLong(f[1]) * Long.parseLong(f[3]);
          any = true;
        } catch (NumberFormatException ignored) {
          // a header line
        }
      }
    }
    return any ? total : -1;
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
