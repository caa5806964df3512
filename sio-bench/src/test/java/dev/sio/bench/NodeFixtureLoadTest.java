package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.internal.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The load scenarios against the Node.js fixture (socket.io 4.8.4), which this test installs with
 * {@code npm ci} when {@code src/main/js/node_modules} is missing.
 */
class NodeFixtureLoadTest extends FixtureLoadSmokeTest {
  static final Path JS = Path.of("src/main/js");

  @Override
  ServerProcess startServer() throws Exception {
    if (!Files.isDirectory(JS.resolve("node_modules/socket.io"))) {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
              .directory(JS.toFile())
              .redirectErrorStream(true)
              .redirectOutput(Path.of("target/npm-ci.log").toFile())
              .start();
      assertThat(npm.waitFor(180, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
      assertThat(npm.exitValue()).as("npm ci exit code, see target/npm-ci.log").isZero();
    }
    ServerProcess s =
        ServerProcess.start(
            ServerProcess.nodeCommand(null), JS, Path.of("target/node-fixture.log"));
    assertThat(s.impl()).isEqualTo("node");
    assertThat(s.version()).isEqualTo("4.8.4");
    return s;
  }
}
