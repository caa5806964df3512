package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BroadcastTrackerTest {
  @Test
  void theLastOfNRecipientsCompletesWithTheFirstAndTheLastArrival() {
    BroadcastTracker t = new BroadcastTracker(3);
    assertThat(t.begin(0, true)).isTrue();
    assertThat(t.arrived(0, 500)).isNull();
    assertThat(t.arrived(0, 200)).isNull(); // arrivals may be counted out of time order
    BroadcastTracker.Completion done = t.arrived(0, 900);
    assertThat(done).isEqualTo(new BroadcastTracker.Completion(200, 900, true));
    assertThat(t.completed()).isEqualTo(1);
    assertThat(t.measured(0)).isTrue();
  }

  @Test
  void aDeliveryOfNoBroadcastInFlightOrOneTooManyIsStale() {
    BroadcastTracker t = new BroadcastTracker(1);
    assertThat(t.arrived(7, 1)).isSameAs(BroadcastTracker.STALE);
    t.begin(7, false);
    assertThat(t.arrived(7, 10).measured()).isFalse();
    assertThat(t.arrived(7, 11)).isSameAs(BroadcastTracker.STALE);
    assertThat(t.completed()).isEqualTo(1);
  }

  @Test
  void aSlotIsReusedOnlyOnceItsBroadcastIsComplete() {
    BroadcastTracker t = new BroadcastTracker(2);
    long other = BroadcastTracker.SLOTS; // the same slot as broadcast 0
    assertThat(t.begin(0, true)).isTrue();
    t.arrived(0, 1);
    assertThat(t.begin(other, true)).isFalse();
    t.arrived(0, 2);
    assertThat(t.begin(other, false)).isTrue();
    assertThat(t.arrived(0, 3))
        .as("a late copy of the old broadcast")
        .isSameAs(BroadcastTracker.STALE);
    assertThat(t.measured(other)).isFalse();
    assertThat(t.arrived(other, 5)).isNull();
    assertThat(t.arrived(other, 8)).isEqualTo(new BroadcastTracker.Completion(5, 8, false));
  }

  @Test
  void needsARecipient() {
    assertThatThrownBy(() -> new BroadcastTracker(0))
        .hasMessage("recipients must be at least 1: 0");
  }
}
