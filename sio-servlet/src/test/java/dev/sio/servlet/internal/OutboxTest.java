package dev.sio.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OutboxTest {
  /** A container whose sends complete only when the test says so. */
  private static final class Sends implements Outbox.Sender {
    final List<Object> frames = new ArrayList<>();
    final List<Consumer<Throwable>> callbacks = new ArrayList<>();
    int inFlight;
    int maxInFlight;

    @Override
    public void send(Object frame, Consumer<Throwable> done) {
      frames.add(frame);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      callbacks.add(done);
    }

    void complete(int i, Throwable failure) {
      inFlight--;
      callbacks.get(i).accept(failure);
    }
  }

  private final Sends sends = new Sends();
  private final List<String> events = new ArrayList<>();
  private final Outbox outbox =
      new Outbox(
          sends,
          Runnable::run,
          new Outbox.Listener() {
            @Override
            public void onWritabilityChanged() {
              events.add("writability");
            }

            @Override
            public void onSendFailed(Throwable cause) {
              events.add("failed " + cause.getMessage());
            }
          },
          10,
          4);

  @Test
  void sendsOneFrameAtATimeInOrderAfterFlush() {
    outbox.add("a", 1);
    outbox.add("bb", 2);
    assertThat(sends.frames).isEmpty();
    outbox.flush();
    assertThat(sends.frames).containsExactly("a");
    assertThat(outbox.pendingBytes()).isEqualTo(3);
    sends.complete(0, null);
    assertThat(sends.frames).containsExactly("a", "bb");
    sends.complete(1, null);
    assertThat(sends.maxInFlight).isEqualTo(1);
    assertThat(outbox.pendingBytes()).isZero();
  }

  @Test
  void aSendThatCompletesInlineDoesNotRecurse() {
    Outbox inline =
        new Outbox(
            (frame, done) -> done.accept(null),
            Runnable::run,
            new Outbox.Listener() {
              @Override
              public void onWritabilityChanged() {}

              @Override
              public void onSendFailed(Throwable cause) {}
            },
            1 << 30,
            0);
    for (int i = 0; i < 100_000; i++) {
      inline.add("x", 1);
    }
    inline.flush(); // a recursive pump would overflow the stack here
    assertThat(inline.pendingBytes()).isZero();
  }

  @Test
  void writabilityFlipsAtTheHighMarkAndBackBelowTheLowMark() {
    outbox.add("123456", 6);
    assertThat(outbox.isWritable()).isTrue();
    outbox.add("12345", 5);
    assertThat(outbox.isWritable()).isFalse();
    assertThat(events).containsExactly("writability");
    outbox.flush();
    sends.complete(0, null); // 5 left: above the low mark
    assertThat(outbox.isWritable()).isFalse();
    sends.complete(1, null);
    assertThat(outbox.isWritable()).isTrue();
    assertThat(events).containsExactly("writability", "writability");
  }

  @Test
  void whenWrittenRunsOnceEverythingBeforeItWasSent() {
    List<String> ran = new ArrayList<>();
    outbox.add("a", 1);
    outbox.whenWritten(() -> ran.add("mark"));
    outbox.add("b", 1);
    outbox.flush();
    assertThat(ran).isEmpty();
    sends.complete(0, null);
    assertThat(ran).containsExactly("mark");
    assertThat(sends.frames).containsExactly("a", "b");
  }

  @Test
  void terminateDropsTheQueueMarksAndAnInFlightSend() {
    List<String> ran = new ArrayList<>();
    outbox.add("a", 1);
    outbox.add("b", 1);
    outbox.whenWritten(() -> ran.add("mark"));
    outbox.terminate();
    assertThat(outbox.pendingBytes()).isZero();
    assertThat(outbox.isWritable()).isFalse();
    sends.complete(0, null); // a late callback after the close
    outbox.add("c", 1);
    outbox.flush();
    assertThat(sends.frames).containsExactly("a");
    assertThat(ran).isEmpty();
  }

  @Test
  void aFailedSendTerminatesAndReports() {
    outbox.add("a", 1);
    outbox.add("b", 1);
    outbox.flush();
    sends.complete(0, new IOException("broken pipe"));
    assertThat(events).containsExactly("failed broken pipe");
    assertThat(outbox.isTerminated()).isTrue();
    assertThat(sends.frames).containsExactly("a");
  }

  @Test
  void aSendThatThrowsCountsAsFailed() {
    Outbox throwing =
        new Outbox(
            (frame, done) -> {
              throw new IllegalStateException("TEXT_FULL_WRITING");
            },
            Runnable::run,
            new Outbox.Listener() {
              @Override
              public void onWritabilityChanged() {}

              @Override
              public void onSendFailed(Throwable cause) {
                events.add(cause.getMessage());
              }
            },
            10,
            4);
    throwing.add("a", 1);
    throwing.flush();
    assertThat(events).containsExactly("TEXT_FULL_WRITING");
    assertThat(throwing.isTerminated()).isTrue();
  }
}
