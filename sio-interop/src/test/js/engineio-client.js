// The npm engine.io-client in node, driven by commands on stdin.
//   node engineio-client.js URL [--transports polling,websocket] [--path /engine.io/]
//       [--with-credentials]   (keep cookies, as engine.io-client does in node)
// Prints: open {id, transport}, upgrade {transport}, message {text} or {data: {"$bin":..}},
// ping, close {reason, description}, error {message}.
// Commands: {"cmd":"send","text":..} or {"cmd":"send","data":{"$bin":..}}, {"cmd":"close"}.
"use strict";

const { Socket } = require("engine.io-client");
const { out, arg, fromJson, onCommands } = require("./lib/io");

const socket = new Socket(process.argv[2], {
  path: arg("path", "/engine.io/"),
  transports: arg("transports", "polling,websocket").split(","),
  rejectUnauthorized: false,
  withCredentials: process.argv.includes("--with-credentials"),
});
socket.binaryType = "nodebuffer";
socket.on("open", () => out("open", { id: socket.id, transport: socket.transport.name }));
socket.on("upgrade", (t) => out("upgrade", { transport: t.name }));
socket.on("message", (data) =>
  out("message", typeof data === "string" ? { text: data } : { data })
);
socket.on("ping", () => out("ping"));
socket.on("error", (e) => out("error", { message: String((e && e.message) || e) }));
socket.on("close", (reason, description) =>
  out("close", { reason, description: description ? String(description.message || description) : null })
);

onCommands((c) => {
  switch (c.cmd) {
    case "send":
      socket.send(c.text !== undefined ? c.text : fromJson(c.data));
      break;
    case "close":
      socket.close();
      break;
    default:
      out("error", { message: `unknown command ${c.cmd}` });
  }
}, () => {
  socket.close();
  process.exit(0);
});
