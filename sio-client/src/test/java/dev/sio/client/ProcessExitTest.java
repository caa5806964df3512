package dev.sio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A program whose client is closed exits by itself: the client's threads are daemons and stop. */
@Timeout(60)
class ProcessExitTest {
  private static Process probe(String uri, String... extra) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                ExitProbe.class.getName(),
                uri));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void theJvmExitsAfterTheClientDisconnects() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      Process process = probe(server.uri().toString());
      boolean exited = process.waitFor(20, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!exited) {
        process.destroyForcibly();
      }
      assertThat(exited).as("the child JVM exited by itself; output: " + output).isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(output).contains("connected fake-socket-id").contains("disconnected");
    }
  }

  @Test
  void aConnectedClientDoesNotKeepTheJvmAlive() throws Exception {
    try (FakeEngineServer server = new FakeEngineServer(25000, 20000)) {
      Process process = probe(server.uri().toString(), "keep-open");
      boolean exited = process.waitFor(20, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!exited) {
        process.destroyForcibly();
      }
      assertThat(exited).as("the child JVM exited by itself; output: " + output).isTrue();
      assertThat(output).contains("connected fake-socket-id");
    }
  }
}
