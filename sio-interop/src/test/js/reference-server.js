// Node's own socket.io server, for tests of the harness and as the reference peer.
//   node reference-server.js [--port 0]
// Prints {"event":"listening","port":N}; serves reference-page.html at "/".
// Namespace "/": "echo" (any args) -> emits "echo" back with the same args, and calls the ack
// with the same args when the client asked for one. Prints connection and disconnect events.
"use strict";

const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { Server } = require("socket.io");
const { out, arg, onCommands } = require("./lib/io");

const page = fs.readFileSync(path.join(__dirname, "reference-page.html"));
const httpServer = http.createServer((req, res) => {
  if (req.url === "/" || req.url === "/index.html") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  } else if (!req.url.startsWith("/socket.io/")) {
    res.writeHead(404).end();
  }
});
const io = new Server(httpServer, { pingInterval: 2000, pingTimeout: 2000 });

io.on("connection", (socket) => {
  out("connection", { id: socket.id, auth: socket.handshake.auth });
  socket.on("echo", (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    out("received", { id: socket.id, name: "echo", args });
    socket.emit("echo", ...args);
    if (ack) ack(...args);
  });
  socket.on("disconnect", (reason) => out("disconnect", { id: socket.id, reason }));
});

httpServer.listen(Number(arg("port", "0")), "127.0.0.1", () => {
  out("listening", { port: httpServer.address().port });
});

onCommands(() => {}, () => {
  io.close();
  process.exit(0);
});
