// The Node.js side of the Sio benchmark: the fixture contract on socket.io 4.8.4.
//
//   node --expose-gc fixture.js --port 0 [--host 127.0.0.1]
//
// Prints one ready line once listening:
//   fixture ready port=<port> pid=<pid> impl=node version=<socket.io version>
// and exits when stdin closes (so a parent that dies takes the fixture with it) or on SIGTERM.
//
// The contract (namespace "/", default server options), the same for every implementation:
//   echo (...args, ack)        -> ack(...args); without an ack, emits "echo" back with the args
//   join (room, ack)           -> socket.join(room), then ack() with no arguments
//   broadcast (room, payload, ack?) -> io.to(room).emit("broadcast", payload): every socket in the
//                                 room, the sender too if it joined the room; then ack() if asked
//   gc (ack)                   -> a full GC, then ack({heapUsed, rss, direct}) in bytes (direct:
//                                 memory outside the JS heap, process.memoryUsage().external)
"use strict";

const { Server } = require("socket.io");
const http = require("http");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = arg("--host", "127.0.0.1");
const port = Number(arg("--port", "0"));
if (host !== "127.0.0.1" && host !== "localhost") {
  console.error("fixture: loopback only (got --host " + host + ")");
  process.exit(2);
}

const httpServer = http.createServer();
const io = new Server(httpServer);

io.on("connection", (socket) => {
  socket.on("echo", (...args) => {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args.pop();
      last(...args);
    } else {
      socket.emit("echo", ...args);
    }
  });
  socket.on("join", (room, ack) => {
    socket.join(String(room));
    if (typeof ack === "function") ack();
  });
  socket.on("broadcast", (room, payload, ack) => {
    io.to(String(room)).emit("broadcast", payload);
    if (typeof ack === "function") ack();
  });
  socket.on("gc", (ack) => {
    if (typeof global.gc === "function") {
      global.gc();
      global.gc();
    }
    const mem = process.memoryUsage();
    if (typeof ack === "function") ack({ heapUsed: mem.heapUsed, rss: mem.rss, direct: mem.external });
  });
});

httpServer.listen(port, host, () => {
  const version = require("socket.io/package.json").version;
  console.log(
    `fixture ready port=${httpServer.address().port} pid=${process.pid} impl=node version=${version}`,
  );
});

process.on("SIGTERM", () => process.exit(0));
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
