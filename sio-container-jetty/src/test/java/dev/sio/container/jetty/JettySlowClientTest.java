package dev.sio.container.jetty;

import dev.sio.engine.EngineServer;
import dev.sio.server.internal.EngineEchoHandler;
import dev.sio.servlet.suite.SlowClientSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Slow clients through the Jetty fixture with {@link SlowClientSuite#THREADS} request threads (and
 * its acceptor and selector).
 */
class JettySlowClientTest extends SlowClientSuite {
  private static JettyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = JettyFixture.start(0, false, THREADS + 2);
    EngineServer.attach(fixture.host(), options(), new EngineEchoHandler());
    EngineServer.attach(fixture.host(), pingOptions(), new EngineEchoHandler());
    fixture.host().route("/big/", bigRoute());
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
