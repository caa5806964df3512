package dev.sio.bench;

import java.io.File;
import java.util.List;

/** The load scenarios against {@link ServletFixture} in embedded Jetty 12. */
class JettyFixtureLoadTest extends ServletFixtureLoadTest {
  @Override
  String container() {
    return "jetty";
  }

  @Override
  List<String> otherContainerJars() {
    String s = File.separator;
    return List.of(s + "org" + s + "apache" + s + "tomcat" + s);
  }
}
