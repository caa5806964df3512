package dev.sio.client;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link ProcessExitTest}: connects, disconnects and returns from {@code
 * main}. The JVM must then exit by itself: no client thread may keep it alive.
 */
public final class ExitProbe {
  private ExitProbe() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    Socket socket =
        SocketIoClient.connect(
            URI.create(args[0]), ClientOptions.DEFAULTS, s -> s.onConnect(connected::countDown));
    if (!connected.await(10, TimeUnit.SECONDS)) {
      System.out.println("not connected");
      System.exit(2);
    }
    System.out.println("connected " + socket.id());
    if (args.length < 2 || !args[1].equals("keep-open")) {
      socket.disconnect();
      System.out.println("disconnected");
    }
  }
}
