// The Node.js reference for the hostile catalogue: what `./sio fixture` and `./sio demo` serve,
// on engine.io 6.6.13 / socket.io 4.8.4.
//
//   node node-fixture.js [--port 3000] [--profile fixture|demo] [--stats]
//
// fixture: an Engine.IO echo at /engine.io/ and the Socket.IO v5 suite's server at /socket.io/
//   (pingInterval 300 ms, pingTimeout 200 ms, maxHttpBufferSize 1e6, connectTimeout 1 s, any
//   origin; "/" and "/custom" emit "auth"; "message" -> "message-back"; "message-with-ack" acks
//   its arguments) - the same as sio-cli's FixtureServer.
// demo: the chat demo's Socket.IO settings (defaults, maxHttpBufferSize 4 000 000 + 64 KiB) with
//   "join" {room, nickname} (ack {room, nickname, members}) and "message" text (ack {from, text,
//   time}); enough for the bystander and the cases.
// --stats adds GET /sio-stats -> {"clientsCount":N,"sockets":N} (the Engine.IO clients of both
//   servers, the Socket.IO sockets of every namespace), like `./sio fixture --stats`.
// Listens on 127.0.0.1 only; prints "listening on <port>"; exits when stdin closes or on SIGTERM.
"use strict";

const http = require("node:http");
const engine = require("engine.io");
const { Server } = require("socket.io");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(arg("--port", "3000"));
const profile = arg("--profile", "fixture");
const stats = process.argv.includes("--stats");

let echo = null;
let io = null;

const httpServer = http.createServer((req, res) => {
  if (stats && req.method === "GET" && req.url === "/sio-stats") {
    const sockets = [...io._nsps.values()].reduce((n, nsp) => n + nsp.sockets.size, 0);
    const body = JSON.stringify({ clientsCount: (echo ? echo.clientsCount : 0) + io.engine.clientsCount, sockets });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    return res.end(body);
  }
  res.writeHead(404).end();
});

if (profile === "fixture") {
  const opts = { pingInterval: 300, pingTimeout: 200, maxHttpBufferSize: 1e6, cors: { origin: "*" } };
  echo = new engine.Server({ ...opts, path: "/engine.io/", destroyUpgrade: false });
  echo.attach(httpServer, { path: "/engine.io/", destroyUpgrade: false });
  echo.on("connection", (socket) => socket.on("message", (data) => socket.send(data)));
  io = new Server(httpServer, { ...opts, path: "/socket.io/", connectTimeout: 1000 });
  const auth = (socket) => socket.emit("auth", socket.handshake.auth);
  io.on("connection", (socket) => {
    auth(socket);
    socket.on("message", (...args) => socket.emit("message-back", ...args));
    socket.on("message-with-ack", (...args) => {
      const ack = args.pop();
      if (typeof ack === "function") ack(...args);
    });
  });
  io.of("/custom").on("connection", auth);
} else if (profile === "demo") {
  io = new Server(httpServer, { maxHttpBufferSize: 4_000_000 + 64 * 1024 });
  io.on("connection", (socket) => {
    socket.on("join", (request, ack) => {
      const room = String((request && request.room) || "lobby").slice(0, 32);
      const nickname = String((request && request.nickname) || "guest").slice(0, 32);
      socket.data = { room, nickname };
      socket.join(room);
      if (typeof ack === "function") ack({ room, nickname, members: [nickname] });
    });
    socket.on("message", (text, ack) => {
      if (!socket.data || !socket.data.room || typeof text !== "string" || !text.trim()) return;
      const message = { from: socket.data.nickname, text: text.trim().slice(0, 2000), time: Date.now() };
      socket.to(socket.data.room).emit("message", message);
      if (typeof ack === "function") ack(message);
    });
  });
} else {
  console.error("node-fixture: --profile must be fixture or demo");
  process.exit(2);
}

httpServer.listen(port, "127.0.0.1", () => console.log(`listening on ${httpServer.address().port}`));
process.on("SIGTERM", () => process.exit(0));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
