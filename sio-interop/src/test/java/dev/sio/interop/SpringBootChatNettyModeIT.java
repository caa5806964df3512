package dev.sio.interop;

import java.util.List;

/**
 * {@link SpringBootChatIT} with Socket.IO on Sio's own Netty port ({@code sio.mode=netty}) beside
 * the application's Tomcat: the page loads the client from that port and polls across origins.
 */
class SpringBootChatNettyModeIT extends SpringBootChatIT {
  @Override
  List<String> extraArguments() {
    return List.of("--sio.mode=netty", "--sio.cors.origins=*");
  }

  @Override
  boolean ownPort() {
    return true;
  }
}
