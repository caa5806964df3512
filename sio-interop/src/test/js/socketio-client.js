// The npm socket.io-client in node, driven by commands on stdin.
//   node socketio-client.js URL [--transports websocket|polling,websocket] [--auth JSON]
//       [--parser msgpack]
// Prints: open {transport} (Engine.IO), connect {id, transport}, connect_error {message, data}, disconnect {reason},
// message {name, args} for every event received, upgrade {transport}, ack {id, args}.
// Commands: {"cmd":"emit","name":..,"args":[..]}, {"cmd":"emitWithAck","id":..,"name":..,
// "args":[..],"timeout":ms}, {"cmd":"disconnect"}, {"cmd":"connect"}.
"use strict";

const { io } = require("socket.io-client");
const { out, arg, fromJson, onCommands } = require("./lib/io");

const url = process.argv[2];
const options = {
  transports: arg("transports", "polling,websocket").split(","),
  auth: JSON.parse(arg("auth", "{}")),
  reconnection: false,
};
if (arg("parser") === "msgpack") options.parser = require("socket.io-msgpack-parser");

const socket = io(url, options);
// "open" comes before the upgrade probe starts, so no upgrade is missed.
socket.io.on("open", () => {
  out("open", { transport: socket.io.engine.transport.name });
  socket.io.engine.on("upgrade", (t) => out("upgrade", { transport: t.name }));
});
socket.on("connect", () => out("connect", { id: socket.id, transport: socket.io.engine.transport.name }));
socket.on("connect_error", (err) => out("connect_error", { message: err.message, data: err.data }));
socket.on("disconnect", (reason) => out("disconnect", { reason }));
socket.onAny((name, ...args) => out("message", { name, args }));

onCommands(async (c) => {
  switch (c.cmd) {
    case "emit":
      socket.emit(c.name, ...fromJson(c.args || []));
      break;
    case "emitWithAck": {
      const s = c.timeout ? socket.timeout(c.timeout) : socket;
      try {
        const args = await new Promise((resolve, reject) =>
          s.emit(c.name, ...fromJson(c.args || []), (...reply) => {
            if (c.timeout && reply[0]) reject(reply[0]);
            else resolve(c.timeout ? reply.slice(1) : reply);
          })
        );
        out("ack", { id: c.id, args });
      } catch (e) {
        out("ack_error", { id: c.id, message: String(e && e.message) });
      }
      break;
    }
    case "disconnect":
      socket.disconnect();
      break;
    case "connect":
      socket.connect();
      break;
    default:
      out("error", { message: `unknown command ${c.cmd}` });
  }
}, () => {
  socket.disconnect();
  process.exit(0);
});
