package dev.sio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.bench.internal.ServerProcess;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The load scenarios against {@link ServletFixture} in a child JVM, in each container: the test
 * class path without the other container's jars, as run.sh's {@code bench-lib-<container>}.
 */
abstract class ServletFixtureLoadTest extends FixtureLoadSmokeTest {
  /** The container under test. */
  abstract String container();

  /** A part of the path of the other container's jars. */
  abstract List<String> otherContainerJars();

  @Override
  ServerProcess startServer() throws Exception {
    String cp =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> otherContainerJars().stream().noneMatch(e::contains))
            .collect(Collectors.joining(File.pathSeparator));
    ServerProcess s =
        ServerProcess.start(
            ServerProcess.servletCommand(null, cp, List.of("-Xmx256m"), container()),
            Path.of("."),
            Path.of("target/" + container() + "-fixture.log"));
    assertThat(s.impl()).isEqualTo(container());
    assertThat(s.version()).startsWith("0.1.0-SNAPSHOT/" + container() + "-");
    return s;
  }
}
