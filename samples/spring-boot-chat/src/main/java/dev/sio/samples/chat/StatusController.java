package dev.sio.samples.chat;

import dev.sio.server.SocketIoServer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Plain HTTP endpoints of the application, answering beside Socket.IO. */
@RestController
class StatusController {
  private final SocketIoServer io;

  StatusController(SocketIoServer io) {
    this.io = io;
  }

  /** How many sockets are connected to this server now. */
  @GetMapping("/api/status")
  Map<String, Object> status() {
    return Map.of("sockets", io.sockets().sockets().size(), "ownPort", io.listener() != null);
  }

  /**
   * Where the page finds Socket.IO: this origin when it is served in this container, Sio's own port
   * otherwise ({@code sio.mode=netty}).
   */
  @GetMapping(value = "/sio-origin.js", produces = "text/javascript")
  String origin(HttpServletRequest request) {
    String origin =
        io.listener() == null
            ? ""
            : request.getScheme() + "://" + request.getServerName() + ":" + io.port();
    return "window.SIO_ORIGIN = \"" + origin + "\";\n";
  }
}
