package dev.sio.bench;

import java.io.File;
import java.util.List;

/** The load scenarios against {@link ServletFixture} in embedded Tomcat 11. */
class TomcatFixtureLoadTest extends ServletFixtureLoadTest {
  @Override
  String container() {
    return "tomcat";
  }

  @Override
  List<String> otherContainerJars() {
    String s = File.separator;
    return List.of(s + "org" + s + "eclipse" + s + "jetty" + s, s + "jakarta" + s);
  }
}
