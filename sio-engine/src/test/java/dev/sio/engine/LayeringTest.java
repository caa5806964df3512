package dev.sio.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sio.engine.internal.EngineSession;
import dev.sio.engine.spi.EnginePort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session core stays free of its bindings: no class of {@code dev.sio.engine..} depends on
 * Netty, and neither the public package nor the SPI depends on the Netty binding's packages ({@code
 * dev.sio.engine.netty..}, another jar, left out of the import).
 */
class LayeringTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/dev/sio/engine/netty/"))
            .importPackages("dev.sio.engine");
  }

  @Test
  void theImportHoldsTheCore() {
    assertThat(core.contain(EngineSession.class)).isTrue();
    assertThat(core.contain(EnginePort.class)).isTrue();
    assertThat(core.contain(EngineServer.class)).isTrue();
  }

  @Test
  void noCoreClassDependsOnNetty() {
    noClasses()
        .that()
        .resideInAPackage("dev.sio.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.netty..")
        .check(core);
  }

  @Test
  void thePublicApiAndTheSpiDoNotDependOnTheNettyBinding() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.sio.engine", "dev.sio.engine.spi")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sio.engine.netty..")
        .check(core);
  }
}
