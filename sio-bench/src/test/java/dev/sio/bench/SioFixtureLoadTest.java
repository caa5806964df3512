package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.internal.ServerProcess;
import java.nio.file.Path;
import java.util.List;

/** The load scenarios against Sio's fixture ({@link SioFixture}) in a child JVM. */
class SioFixtureLoadTest extends FixtureLoadSmokeTest {
  @Override
  ServerProcess startServer() throws Exception {
    ServerProcess s =
        ServerProcess.start(
            ServerProcess.sioCommand(
                null, System.getProperty("java.class.path"), List.of("-Xmx256m")),
            Path.of("."),
            Path.of("target/sio-fixture.log"));
    assertThat(s.impl()).isEqualTo("sio");
    return s;
  }
}
