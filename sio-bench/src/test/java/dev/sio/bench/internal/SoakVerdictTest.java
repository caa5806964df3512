package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.SoakOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
  private static final long MB = 1 << 20;

  private static SoakOptions options(int rounds) {
    return SoakOptions.builder().rounds(rounds).attach(3000, 1).build();
  }

  /** A baseline, 30 load samples whose RSS is {@code rss(i)}, 3 quiet samples back at baseline. */
  private static List<SoakSample> oneRound(IntToLongFunction rss, long endClients, long endFds) {
    return oneRound(rss, endClients, endFds, 32 * MB);
  }

  /** As above; the baseline's live heap is 30 MiB, the end's {@code endLive}. */
  private static List<SoakSample> oneRound(
      IntToLongFunction rss, long endClients, long endFds, long endLive) {
    List<SoakSample> s = new ArrayList<>();
    s.add(sample(0, "baseline", 0, 100 * MB, 20, 0).withHeapLive(30 * MB));
    for (int i = 0; i < 30; i++) {
      s.add(sample(5 + i * 5, "load", 1, rss.applyAsLong(i), 2020, 2000));
    }
    for (int i = 0; i < 3; i++) {
      SoakSample q = sample(160 + i * 5, "settle", 1, 150 * MB, i == 2 ? endFds : 20, endClients);
      s.add(i == 2 ? q.withHeapLive(endLive) : q);
    }
    return s;
  }

  private static SoakSample sample(
      double t, String phase, int round, long rss, long fds, long clients) {
    return new SoakSample(
        t, phase, round, rss, 50 * MB, 200 * MB, 8 * MB, fds, 24, clients, 0, 0, -1);
  }

  private static SoakVerdict.Check named(List<SoakVerdict.Check> checks, String prefix) {
    return checks.stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void aPlateauAfterTheWarmupIsFlat() {
    List<SoakVerdict.Check> checks =
        SoakVerdict.check(oneRound(i -> (i < 10 ? 100 + i * 10 : 200) * MB, 0, 20), options(1));

    assertThat(checks).allMatch(SoakVerdict.Check::passed);
    assertThat(SoakVerdict.flat(checks)).isTrue();
  }

  @Test
  void steadyGrowthIsNotFlatAndTheDetailSaysByHowMuch() {
    List<SoakVerdict.Check> checks =
        SoakVerdict.check(oneRound(i -> (100 + i * 10L) * MB, 0, 20), options(1));

    SoakVerdict.Check rss = named(checks, "rss flat");
    assertThat(rss.passed()).isFalse();
    assertThat(rss.detail()).isEqualTo("390.0 MiB vs reference 290.0 MiB (limit 335.0 MiB)");
    assertThat(SoakVerdict.flat(checks)).isFalse();
    assertThat(named(checks, "heapUsed flat").passed()).isTrue();
  }

  @Test
  void growthWithinTheToleranceAndSlackPasses() {
    // second third max 200 MiB: the limit is 200 * 1.1 + 16 = 236 MiB
    List<SoakVerdict.Check> checks =
        SoakVerdict.check(oneRound(i -> (i < 20 ? 200 : 236) * MB, 0, 20), options(1));

    assertThat(named(checks, "rss flat").passed()).isTrue();
  }

  @Test
  void leftoverClientsOrFilesFailTheEnd() {
    List<SoakVerdict.Check> checks = SoakVerdict.check(oneRound(i -> 200 * MB, 3, 60), options(1));

    assertThat(named(checks, "clientsCount 0").passed()).isFalse();
    assertThat(named(checks, "clientsCount 0").detail()).isEqualTo("clientsCount() = 3");
    assertThat(named(checks, "fds back").passed()).isFalse();
    assertThat(named(checks, "fds back").detail()).isEqualTo("60 (baseline 20, limit 36)");
    assertThat(named(checks, "threads back").passed()).isTrue();
  }

  @Test
  void aLiveHeapThatDoesNotComeBackFails() {
    List<SoakVerdict.Check> checks =
        SoakVerdict.check(oneRound(i -> 200 * MB, 0, 20, 80 * MB), options(1));

    SoakVerdict.Check live = named(checks, "live heap back to baseline");
    assertThat(live.passed()).isFalse();
    assertThat(live.detail()).isEqualTo("80.0 MiB vs reference 30.0 MiB (limit 49.0 MiB)");
    assertThat(named(checks, "rss flat").passed()).isTrue();
  }

  @Test
  void tooFewSamplesCannotPass() {
    List<SoakSample> s = new ArrayList<>(oneRound(i -> 200 * MB, 0, 20));
    s.removeIf(x -> x.phase().equals("load") && x.seconds() > 20);

    SoakVerdict.Check rss = named(SoakVerdict.check(s, options(1)), "rss flat");
    assertThat(rss.passed()).isFalse();
    assertThat(rss.detail()).isEqualTo("only 4 load samples; need 6 or more");
  }

  @Test
  void roundsCompareTheLastRoundWithTheSecond() {
    List<SoakSample> s = new ArrayList<>();
    s.add(sample(0, "baseline", 0, 100 * MB, 20, 0).withHeapLive(30 * MB));
    long[] peaks = {300, 320, 330};
    long[] after = {200, 210, 400}; // the last quiet time does not come back
    int[] fdsAtPeak = {900, 1500, 2020}; // how far each round ramped up: not compared
    for (int r = 1; r <= 3; r++) {
      s.add(sample(r * 100, "load", r, peaks[r - 1] * MB, fdsAtPeak[r - 1], 2000));
      s.add(sample(r * 100 + 50, "settle", r, after[r - 1] * MB, 20, 0).withHeapLive(31 * MB));
    }
    List<SoakVerdict.Check> checks = SoakVerdict.check(s, options(3));

    assertThat(named(checks, "rss peak flat (round 3 vs 2)").passed()).isTrue();
    assertThat(checks).noneMatch(c -> c.name().startsWith("fds peak"));
    assertThat(named(checks, "fds after-idle flat").passed()).isTrue();
    assertThat(named(checks, "heapLive after-idle flat").passed()).isTrue();
    assertThat(named(checks, "live heap back to baseline").passed()).isTrue();
    SoakVerdict.Check idle = named(checks, "rss after-idle flat (round 3 vs 2)");
    assertThat(idle.passed()).isFalse();
    assertThat(idle.detail()).isEqualTo("400.0 MiB vs reference 210.0 MiB (limit 247.0 MiB)");
  }

  @Test
  void noBaselineIsAFailure() {
    List<SoakSample> s = new ArrayList<>(oneRound(i -> 200 * MB, 0, 20));
    s.removeIf(x -> x.phase().equals("baseline"));

    List<SoakVerdict.Check> checks = SoakVerdict.check(s, options(1));
    assertThat(SoakVerdict.flat(checks)).isFalse();
    assertThat(checks.get(0).detail()).isEqualTo("no baseline sample");
  }
}
