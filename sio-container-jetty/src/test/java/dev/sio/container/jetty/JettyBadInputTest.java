package dev.sio.container.jetty;

import dev.sio.engine.EngineServer;
import dev.sio.server.internal.EngineEchoHandler;
import dev.sio.servlet.suite.BadInputSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Bad input through the Jetty fixture: the answers the Netty fixture gives. */
class JettyBadInputTest extends BadInputSuite {
  private static JettyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = JettyFixture.start(0, false);
    EngineServer.attach(fixture.host(), limitsOptions(), new EngineEchoHandler());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Override
  protected int port() {
    return fixture.port();
  }
}
