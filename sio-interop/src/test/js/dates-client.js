// The npm socket.io-client in node, for dates: what JavaScript makes of the dates a server sends,
// and Dates sent by JavaScript.
//   node dates-client.js URL
// Prints: connect {id}, stamp {args, reparsed} for each "stamp" event (reparsed: each string
// argument through new Date(s).toJSON(), null when it is no date), answer {id, args}.
// Commands: {"cmd":"sendDates","id":..,"millis":[..]} emits "dates" with a Date per number and an
// object {at: Date}, and prints the server's answer.
"use strict";

const { io } = require("socket.io-client");
const { out, onCommands } = require("./lib/io");

const socket = io(process.argv[2], { transports: ["websocket"], reconnection: false });
socket.on("connect", () => out("connect", { id: socket.id }));
socket.on("connect_error", (err) => out("connect_error", { message: err.message }));
socket.on("stamp", (...args) => {
  const reparsed = args.map((a) => {
    if (typeof a !== "string") return null;
    const d = new Date(a);
    return isNaN(d.getTime()) ? null : d.toJSON();
  });
  out("stamp", { args, reparsed });
});

onCommands(async (c) => {
  switch (c.cmd) {
    case "sendDates": {
      const dates = c.millis.map((ms) => new Date(ms));
      const reply = await socket.timeout(10000).emitWithAck("dates", ...dates, { at: dates[0] });
      out("answer", { id: c.id, args: [reply] });
      break;
    }
    default:
      out("error", { message: `unknown command ${c.cmd}` });
  }
}, () => {
  socket.disconnect();
  process.exit(0);
});
