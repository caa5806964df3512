// Node's socket.io server instrumented with @socket.io/admin-ui 0.5.1, the reference for the
// admin protocol tests (AdminUiNodeComparisonIT).
//   node admin/admin-reference-server.js --hash BCRYPT_HASH [--port 0]
// Prints {"event":"listening","port":N}. Namespace "/": "join" (room) joins it; "hello" (name)
// acks "hi <name>" and emits "news" {n: 1} to the socket; "profile" (name) sets socket.data.name
// then socket.data.visits = 1. Admin namespace "/admin", user "admin".
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");
const { instrument } = require("@socket.io/admin-ui");
const { out, arg, onCommands } = require("../lib/io");

const httpServer = http.createServer();
const io = new Server(httpServer);
io.on("connection", (socket) => {
  socket.on("join", (room) => socket.join(room));
  socket.on("hello", (name, ack) => {
    socket.emit("news", { n: 1 });
    if (typeof ack === "function") ack(`hi ${name}`);
  });
  socket.on("profile", (name) => {
    socket.data.name = name;
    socket.data.visits = 1;
  });
});
instrument(io, {
  auth: { type: "basic", username: "admin", password: arg("hash", "") },
  serverId: "reference",
  mode: "development",
});

httpServer.listen(Number(arg("port", "0")), "127.0.0.1", () => {
  out("listening", { port: httpServer.address().port });
});

onCommands(() => {}, () => {
  io.close();
  process.exit(0);
});
