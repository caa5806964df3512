package dev.sio.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ordering and delivery guarantees when many threads broadcast and sockets join concurrently. */
class ConcurrencyTest extends ServerHarness {

  @Test
  void handlersOfOneSocketRunInOrderOnOneThread() throws Exception {
    start();
    List<Integer> order = new CopyOnWriteArrayList<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(200);
    io.onConnection(
        socket ->
            socket.on(
                "n",
                (args, ack) -> {
                  order.add(args.get(0).asInt());
                  threads.add(Thread.currentThread().getName());
                  all.countDown();
                }));
    listen();
    TestClient c = client();
    c.connect("/");
    for (int i = 0; i < 200; i++) {
      c.sendRaw("42[\"n\"," + i + "]");
    }
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      expected.add(i);
    }
    assertThat(order).isEqualTo(expected);
    assertThat(threads).hasSize(1);
  }

  @Test
  void concurrentBroadcastsReachEveryMemberInEachSendersOrder() throws Exception {
    start();
    io.onConnection(socket -> socket.join("r"));
    listen();
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TestClient c = client();
      c.connect("/");
      clients.add(c);
    }
    int senders = 4;
    int each = 50;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      int sender = t;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  io.to("r").emit("m", sender, i);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    for (TestClient c : clients) {
      Map<Integer, Integer> next = new HashMap<>();
      for (int k = 0; k < senders * each; k++) {
        String frame = c.nextText();
        var args = TestClient.JSON.readTree(frame.substring(2));
        int sender = args.get(1).asInt();
        int i = args.get(2).asInt();
        assertThat(i).as("sender %d's order", sender).isEqualTo(next.getOrDefault(sender, 0));
        next.put(sender, i + 1);
      }
    }
  }
}
