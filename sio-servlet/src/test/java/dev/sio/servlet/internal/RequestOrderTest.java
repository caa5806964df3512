package dev.sio.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestOrderTest {
  private final ServletLoop timer = new ServletLoop("order-timer");
  private final RequestOrder order = new RequestOrder(() -> timer);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aReadyRequestWaitsForAnEarlierOneOfItsSession() {
    RequestOrder.Ticket post = order.take("a");
    RequestOrder.Ticket get = order.take("a");
    get.ready(() -> ran.add("get"));
    assertThat(ran).isEmpty();
    post.ready(() -> ran.add("post"));
    assertThat(ran).containsExactly("post", "get");
    assertThat(order.size()).isZero();
  }

  @Test
  void sessionsDoNotWaitForEachOther() {
    RequestOrder.Ticket a = order.take("a");
    RequestOrder.Ticket b = order.take("b");
    b.ready(() -> ran.add("b"));
    assertThat(ran).containsExactly("b");
    a.ready(() -> ran.add("a"));
    assertThat(ran).containsExactly("b", "a");
  }

  @Test
  void aCancelledRequestReleasesTheNext() {
    RequestOrder.Ticket post = order.take("a");
    RequestOrder.Ticket get = order.take("a");
    get.ready(() -> ran.add("get"));
    post.cancel();
    assertThat(ran).containsExactly("get");
    post.ready(() -> ran.add("late")); // ended: never runs
    assertThat(ran).containsExactly("get");
    assertThat(order.size()).isZero();
  }

  @Test
  void aStalledBodyIsOvertakenAtItsDeadlineAndGoesWhenReady() throws Exception {
    RequestOrder.Ticket post = order.take("a");
    RequestOrder.Ticket get = order.take("a");
    CountDownLatch went = new CountDownLatch(1);
    get.ready(
        () -> {
          ran.add("get");
          went.countDown();
        });
    assertThat(went.await(10, TimeUnit.SECONDS)).isTrue(); // the timer released it
    timer.submit(() -> {}).get(10, TimeUnit.SECONDS); // the timer's drain has ended
    assertThat(order.size()).isZero(); // the overtaken one holds no entry
    post.ready(() -> ran.add("post"));
    assertThat(ran).containsExactly("get", "post");
  }

  @Test
  void ticketsPerSessionAndSessionsAreBounded() {
    for (int i = 0; i < RequestOrder.MAX_TICKETS; i++) {
      assertThat(order.take("a")).isNotNull();
    }
    assertThat(order.take("a")).isNull(); // goes unordered
    for (int i = 1; i < RequestOrder.MAX_SIDS; i++) {
      assertThat(order.take("s" + i)).isNotNull();
    }
    assertThat(order.size()).isEqualTo(RequestOrder.MAX_SIDS);
    assertThat(order.take("one-more")).isNull();
  }

  @Test
  void manyThreadsHandEachSessionOnInTicketOrder() throws Exception {
    RequestOrder order = new RequestOrder(() -> timer, TimeUnit.MINUTES.toMillis(10)); // no skip
    int n = 2000;
    RequestOrder.Ticket[] tickets = new RequestOrder.Ticket[n];
    for (int i = 0; i < n; i += RequestOrder.MAX_TICKETS) {
      for (int j = i; j < i + RequestOrder.MAX_TICKETS; j++) {
        tickets[j] = order.take("a" + i);
      }
    }
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int from = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = n - 1 - from; i >= 0; i -= threads.length) {
                  int k = i;
                  tickets[i].ready(() -> seen.add(k));
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(seen).hasSize(n);
    for (int i = 0; i < n; i += RequestOrder.MAX_TICKETS) {
      int group = i;
      List<Integer> ofGroup =
          seen.stream()
              .filter(k -> k / RequestOrder.MAX_TICKETS == group / RequestOrder.MAX_TICKETS)
              .toList();
      assertThat(ofGroup).isSorted();
    }
    assertThat(order.size()).isZero();
  }
}
