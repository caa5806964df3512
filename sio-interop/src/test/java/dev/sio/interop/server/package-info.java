/**
 * The npm {@code socket.io-client} 4.8.4, in node, against a Socket.IO server: every scenario runs
 * twice with the same assertions, against Node's socket.io 4.8.4 ({@code NODE}, the golden run that
 * proves the scenario) and against Sio's {@code SocketIoServer} ({@code SIO}).
 *
 * <ul>
 *   <li>{@code js/server/client-driver.js} holds the npm clients (Managers and namespace sockets),
 *       takes JSON commands on stdin and prints every event as a JSON line ({@link
 *       dev.sio.interop.server.ClientDriver}).
 *   <li>{@code js/server/node-server.js} and {@link dev.sio.interop.server.SioScenarioServer} are
 *       the same server twice: the same namespaces, middlewares, handlers and commands, and the
 *       same JSON events ({@link dev.sio.interop.server.ScenarioServer}).
 *   <li>Suites by feature: transports, namespaces, middlewares, acknowledgements, binary, rooms,
 *       volatile, disconnect reasons, connection state recovery, msgpack.
 *   <li>Every scenario asserts the same against both servers; where Sio differs from Node on
 *       purpose (docs/COMPATIBILITY.md), the test asserts each server's documented behaviour.
 * </ul>
 *
 * <p>Run: {@code mvn -pl sio-interop -am verify -Dit.test='dev.sio.interop.server.*IT'
 * -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false} (after {@code npm ci} in {@code
 * src/test/js}).
 */
package dev.sio.interop.server;
