package dev.sio.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.SoakOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short real soak: {@code sio demo --stats} in a child JVM on 127.0.0.1, clients that come and
 * go, broadcasts, slow readers and hostile connections, sampled every second; then the end checks
 * must hold (no client, file or bystander left behind) and the files must be written.
 */
class SoakRunTest {
  @Test
  @Timeout(180)
  void aShortSoakOfTheDemoEndsCleanAndWritesItsReport(@TempDir Path out) throws Exception {
    SoakOptions options =
        SoakOptions.builder()
            .serverCommand(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.sio.cli.Main",
                    "demo",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--stats"))
            .duration(Duration.ofSeconds(12))
            .settle(Duration.ofSeconds(50)) // abandoned handshakes end after 25 + 20 s
            .sampleEvery(Duration.ofSeconds(1))
            .clients(60)
            .connectRate(50)
            .lifetime(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .rooms(5)
            .broadcastRate(10)
            .slowReaders(2)
            .hotRate(5)
            .hostileThreads(1)
            .out(out)
            .build();

    SoakRun.Result r = new SoakRun(options).run(line -> {});

    assertThat(passed(r, "clientsCount 0 at the end")).isTrue();
    assertThat(passed(r, "fds back to baseline")).isTrue();
    assertThat(passed(r, "bystander unharmed")).isTrue();
    assertThat(passed(r, "server answered every sample")).isTrue();
    assertThat((Long) r.figures().get("client connects")).isGreaterThan(60); // they came and went
    assertThat((Long) r.figures().get("connected clients closed by the server")).isZero();
    assertThat((Long) r.figures().get("events received by the clients")).isPositive();
    long hostile =
        (Long) r.figures().get("hostile answered with a status")
            + (Long) r.figures().get("hostile closed by the server");
    assertThat(hostile).isPositive();
    assertThat(r.samples().stream().filter(s -> s.phase().equals("load")).count())
        .isGreaterThanOrEqualTo(8);
    assertThat(r.samples().stream().mapToLong(SoakSample::clientsCount).max().orElse(0))
        .isGreaterThanOrEqualTo(30);
    List<String> csv = Files.readAllLines(out.resolve("soak.csv"));
    assertThat(csv.get(0)).isEqualTo(SoakSample.CSV_HEADER);
    assertThat(csv).hasSize(r.samples().size() + 1);
    String md = Files.readString(out.resolve("soak.md"));
    assertThat(md).startsWith("# Soak: ").contains("## Verdict", "| clientsCount 0 at the end |");
    assertThat(Files.readString(out.resolve("server.log"))).contains("stats ready port=");
  }

  private static boolean passed(SoakRun.Result r, String name) {
    return r.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()))
        .passed();
  }
}
