package dev.sio.container.tomcat;

import dev.sio.engine.EngineServer;
import dev.sio.server.internal.EngineEchoHandler;
import dev.sio.servlet.suite.SlowClientSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Slow clients through the Tomcat fixture with {@link SlowClientSuite#THREADS} request threads. */
class TomcatSlowClientTest extends SlowClientSuite {
  private static TomcatFixture fixture;

  @BeforeAll
  static void start() {
    fixture = TomcatFixture.start(0, false, THREADS);
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
