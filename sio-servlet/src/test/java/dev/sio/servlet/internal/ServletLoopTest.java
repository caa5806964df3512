package dev.sio.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ServletLoopTest {
  @Test
  void runsTasksInOrderOnItsOwnNamedThread() throws Exception {
    ServletLoops loops = new ServletLoops(2);
    try {
      ServletLoop loop = loops.next();
      List<Integer> order = Collections.synchronizedList(new ArrayList<>());
      List<String> names = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(1);
      for (int i = 0; i < 100; i++) {
        int n = i;
        loop.execute(
            () -> {
              order.add(n);
              names.add(Thread.currentThread().getName());
              assertThat(loop.inExecutor()).isTrue();
            });
      }
      loop.execute(done::countDown);
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(order).hasSize(100).isSorted();
      assertThat(names).containsOnly("sio-servlet-0");
      assertThat(loop.inExecutor()).isFalse();
      assertThat(loops.onLoop()).isFalse();
    } finally {
      loops.shutdown(2_000);
    }
  }

  @Test
  void handsOutLoopsRoundRobinAndGoesOnAfterAFailingTask() throws Exception {
    ServletLoops loops = new ServletLoops(2);
    try {
      ServletLoop a = loops.next();
      ServletLoop b = loops.next();
      assertThat(a).isNotSameAs(b);
      assertThat(loops.next()).isSameAs(a);
      a.execute(
          () -> {
            throw new IllegalStateException("expected by the test");
          });
      CountDownLatch after = new CountDownLatch(1);
      a.schedule(after::countDown, 10, TimeUnit.MILLISECONDS);
      assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
      a.engineState("x");
      assertThat(a.submit(() -> a.engineState()).get(5, TimeUnit.SECONDS)).isEqualTo("x");
    } finally {
      loops.shutdown(2_000);
    }
  }

  @Test
  void refusesZeroLoops() {
    assertThatThrownBy(() -> new ServletLoops(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loopThreads must be at least 1, got 0");
  }
}
