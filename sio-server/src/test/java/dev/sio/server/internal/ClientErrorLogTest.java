package dev.sio.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

class ClientErrorLogTest {
  private final ConcurrentLinkedQueue<SubstituteLoggingEvent> events =
      new ConcurrentLinkedQueue<>();
  private final ClientErrorLog log =
      new ClientErrorLog(
          new EventRecordingLogger(new SubstituteLogger("test", events, false), events));

  @Test
  void aFloodOfBadArgumentsIsOneDebugLineASecondWithoutATrace() throws Exception {
    Thread.sleep(1_050); // the first line is due a second after creation
    for (int i = 0; i < 5000; i++) {
      log.badArgument("join", "socket x", "not a JoinRequest: Cannot construct\ninstance");
    }
    List<SubstituteLoggingEvent> first = List.copyOf(events);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(first.get(0).getThrowable()).isNull();
    assertThat(first.get(0).getArgumentArray()[2].toString()).doesNotContain("\n");
    Thread.sleep(1_050);
    log.badArgument("join", "socket x", "again");
    assertThat(events).hasSize(2);
    assertThat(List.copyOf(events).get(1).getArgumentArray()[3]).isEqualTo(4999L);
  }

  @Test
  void longDetailsAreCut() throws Exception {
    Thread.sleep(1_050);
    log.badArgument("join", "socket x", "y".repeat(10_000));
    assertThat(events.peek().getArgumentArray()[2].toString()).hasSizeLessThan(300);
  }
}
