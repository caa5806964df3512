// An npm socket.io-client 4.8 for the mixed cluster tests.
//   node cluster/node-client.js <url> [--tag T] [--auth JSON]
// Prints "connect" {id, recovered}, every event as "message" {name, args}, "disconnect"
// {reason}. Acks requested by the server are answered with "<tag>:<first arg>".
// Commands: emit {name, args}, emitWithAck {id, name, args}, drop {url?, stay?} (closes the
// transport, so the client reconnects, to url when given, and tries to recover its session;
// with stay it waits for "reconnect"), reconnect, disconnect.
"use strict";

const { io } = require("socket.io-client");
const { out, arg, onCommands, fromJson } = require("../lib/io");

const url = process.argv[2];
const tag = arg("tag", "C");
const auth = JSON.parse(arg("auth", "{}"));
const socket = io(url, {
  transports: ["websocket"],
  reconnectionDelay: 100,
  reconnectionDelayMax: 200,
  auth,
});

socket.on("connect", () =>
  out("connect", { id: socket.id, recovered: socket.recovered, pid: socket._pid || null }),
);
socket.on("disconnect", (reason) => out("disconnect", { reason }));
socket.on("connect_error", (e) => out("connect_error", { message: e.message }));
socket.onAny((name, ...args) => {
  if (typeof args[args.length - 1] === "function") {
    const ack = args.pop();
    ack(tag + ":" + args[0]);
  }
  out("message", { name, args });
});

onCommands(async (c) => {
  switch (c.cmd) {
    case "emit":
      socket.emit(c.name, ...fromJson(c.args || []));
      break;
    case "emitWithAck": {
      const answer = await socket.timeout(5000).emitWithAck(c.name, ...fromJson(c.args || []));
      out("ack", { id: c.id, args: [answer] });
      break;
    }
    case "drop":
      out("session", { pid: socket._pid || null, offset: socket._lastOffset || null });
      socket.io.reconnection(!c.stay);
      if (c.url) socket.io.uri = c.url;
      socket.io.engine.close();
      break;
    case "reconnect":
      socket.io.reconnection(true);
      socket.connect();
      break;
    case "disconnect":
      socket.disconnect();
      break;
    default:
      out("error", { message: "unknown command " + c.cmd });
  }
}, () => {
  socket.disconnect();
  process.exit(0);
});
