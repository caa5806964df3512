package dev.sio.interop.server;

/** The servers a scenario runs against: the same test, the same assertions. */
enum ServerKind {
  /** Node's socket.io 4.8.4: proves the scenario itself (the golden run). */
  NODE,
  /** Sio's {@code SocketIoServer}, in this JVM. */
  SIO;

  /** Starts this kind of server with the scenario handlers. */
  ScenarioServer start(ScenarioOptions options) {
    return switch (this) {
      case NODE -> NodeScenarioServer.start(options);
      case SIO -> SioScenarioServer.start(options);
    };
  }

  /** Starts this kind of server with Node's defaults. */
  ScenarioServer start() {
    return start(ScenarioOptions.defaults());
  }
}
