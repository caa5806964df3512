package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The FIFO timer on a manual clock: one scheduled task per list, entries in due order. */
class FifoTimerTest {
  private static final long DELAY = TimeUnit.MILLISECONDS.toNanos(100);

  private final ManualLoop loop = new ManualLoop();
  private final FifoTimer timer = LoopState.of(loop).timer(DELAY);
  private final List<String> fired = new ArrayList<>();

  /** An entry that records its name, with the clock, when it fires. */
  private class Named extends FifoTimer.Entry {
    final String name;
    Runnable onFire = () -> {};

    Named(String name) {
      this.name = name;
    }

    @Override
    void fire() {
      fired.add(name + "@" + TimeUnit.NANOSECONDS.toMillis(loop.now() - start));
      onFire.run();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final long start = loop.now();

  @Test
  void entriesFireAtTheirDueTimeInArmingOrderWithOneTask() {
    Named a = new Named("a");
    Named b = new Named("b");
    Named c = new Named("c");
    timer.arm(a);
    loop.advanceMillis(10);
    timer.arm(b);
    loop.advanceMillis(10);
    timer.arm(c);
    assertThat(loop.pending()).as("one task for the list").isEqualTo(1);
    assertThat(a.armed() && b.armed() && c.armed()).isTrue();
    loop.advanceMillis(79);
    assertThat(fired).isEmpty();
    loop.advanceMillis(1);
    assertThat(fired).containsExactly("a@100");
    assertThat(a.armed()).isFalse();
    loop.advanceMillis(30);
    assertThat(fired).containsExactly("a@100", "b@110", "c@120");
    assertThat(timer.isEmpty()).isTrue();
    assertThat(loop.pending()).as("nothing left to wait for").isZero();
    assertThat(loop.scheduled).isEqualTo(3);
  }

  @Test
  void anEntryDisarmedFromTheMiddleNeverFires() {
    Named a = new Named("a");
    Named b = new Named("b");
    Named c = new Named("c");
    timer.arm(a);
    loop.advanceMillis(1);
    timer.arm(b);
    loop.advanceMillis(1);
    timer.arm(c);
    b.disarm();
    assertThat(b.armed()).isFalse();
    b.disarm(); // twice: nothing
    loop.advanceMillis(200);
    assertThat(fired).containsExactly("a@100", "c@102");
  }

  @Test
  void disarmingTheHeadLeavesTheTaskWhichWaitsForTheNextEntry() {
    Named a = new Named("a");
    Named b = new Named("b");
    timer.arm(a);
    loop.advanceMillis(50);
    timer.arm(b);
    a.disarm();
    assertThat(loop.cancelled).as("no cancel: the task finds nothing due").isZero();
    loop.advanceMillis(60);
    assertThat(fired).isEmpty();
    assertThat(loop.pending()).as("re-armed for b").isEqualTo(1);
    loop.advanceMillis(40);
    assertThat(fired).containsExactly("b@150");
  }

  @Test
  void reArmingMovesAnEntryToTheTail() {
    Named a = new Named("a");
    Named b = new Named("b");
    timer.arm(a);
    loop.advanceMillis(10);
    timer.arm(b);
    loop.advanceMillis(10);
    timer.arm(a); // a pong: the next ping 100 ms from now
    loop.advanceMillis(200);
    assertThat(fired).containsExactly("b@110", "a@120");
  }

  @Test
  void anEntryMayArmItselfAgainWhenItFires() {
    Named a = new Named("a");
    a.onFire =
        () -> {
          if (fired.size() < 3) {
            timer.arm(a);
          }
        };
    timer.arm(a);
    loop.advanceMillis(1000);
    assertThat(fired).containsExactly("a@100", "a@200", "a@300");
    assertThat(loop.pending()).isZero();
  }

  @Test
  void anEntryArmedBeforeTheTailIsPlacedInDueOrderAndMovesTheTask() {
    Named late = new Named("late");
    Named early = new Named("early");
    Named middle = new Named("middle");
    timer.arm(late, loop.now() + DELAY);
    timer.arm(early, loop.now() + DELAY / 2); // another kind of entry that shares the delay
    timer.arm(middle, loop.now() + DELAY * 3 / 4);
    assertThat(loop.pending()).isEqualTo(1);
    assertThat(loop.cancelled).as("the task moved to the new head").isEqualTo(1);
    loop.advanceMillis(200);
    assertThat(fired).containsExactly("early@50", "middle@75", "late@100");
  }

  @Test
  void anEntryThatThrowsDoesNotStopTheOthers() {
    Named a = new Named("a");
    Named bad = new Named("bad");
    Named c = new Named("c");
    Named d = new Named("d");
    bad.onFire =
        () -> {
          throw new IllegalStateException("a handler failed");
        };
    timer.arm(a);
    timer.arm(bad);
    timer.arm(c);
    loop.advanceMillis(5);
    timer.arm(d);
    loop.advanceMillis(100);
    assertThat(fired).containsExactly("a@100", "bad@100", "c@100", "d@105");
  }

  @Test
  void manyEntriesShareOneTaskAndAllFireInOrder() {
    int n = 10_000;
    List<Named> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Named e = new Named(Integer.toString(i));
      entries.add(e);
      timer.arm(e);
      if (i % 100 == 99) {
        loop.advance(500_000); // 100 sessions per half millisecond: all armed within 50 ms
      }
      assertThat(loop.pending()).isEqualTo(1);
    }
    for (int i = 0; i < n; i += 3) {
      entries.get(i).disarm(); // a third answered: they left the list
    }
    loop.advanceMillis(1000);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i % 3 != 0) {
        expected.add(i + "@" + (100 + i / 200));
      }
    }
    assertThat(fired).containsExactlyElementsOf(expected);
    assertThat(loop.pending()).isZero();
    // one run per distinct due time (100), and the first: not one timer per entry
    assertThat(loop.scheduled).isLessThanOrEqualTo(101);
    assertThat(timer.isEmpty()).isTrue();
  }

  @Test
  void oneTimerPerDelayPerLoop() {
    LoopState state = LoopState.of(loop);
    assertThat(state.timer(DELAY)).isSameAs(timer);
    assertThat(state.timer(DELAY * 2)).isNotSameAs(timer);
    assertThat(state.timer(DELAY * 2)).isSameAs(state.timer(DELAY * 2));
    assertThat(LoopState.of(new ManualLoop()).timer(DELAY)).isNotSameAs(timer);
    Named a = new Named("a");
    Named b = new Named("b");
    timer.arm(a);
    state.timer(DELAY * 2).arm(b);
    state.timer(DELAY * 2).arm(a); // moves a to the other list
    loop.advanceMillis(300);
    assertThat(fired).as("b was armed there first").containsExactly("b@200", "a@200");
  }
}
