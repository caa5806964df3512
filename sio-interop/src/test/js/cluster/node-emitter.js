// The npm @socket.io/redis-emitter 5.1, driven by commands, for the mixed cluster tests.
//   node cluster/node-emitter.js --prefix P
// Prints {"event":"ready"}. Commands: emit {nsp?, rooms?, except?, name, args},
// socketsJoin {rooms?, join}, socketsLeave {rooms?, leave}, disconnectSockets {rooms?, close},
// serverSideEmit {name, args}; each is answered with {"event":"done","cmd":...}.
"use strict";

const { Emitter } = require("@socket.io/redis-emitter");
const { createClient } = require("redis");
const { out, arg, onCommands, fromJson } = require("../lib/io");

async function main() {
  const client = createClient({ url: "redis://127.0.0.1:6379" });
  client.on("error", () => {});
  await client.connect();
  const emitter = new Emitter(client, { key: arg("prefix", "socket.io") });

  function target(c) {
    let op = emitter.of(c.nsp || "/");
    if (c.rooms && c.rooms.length) op = op.to(c.rooms);
    if (c.except && c.except.length) op = op.except(c.except);
    return op;
  }

  onCommands(async (c) => {
    switch (c.cmd) {
      case "emit":
        target(c).emit(c.name, ...fromJson(c.args || []));
        break;
      case "socketsJoin":
        target(c).socketsJoin(c.join);
        break;
      case "socketsLeave":
        target(c).socketsLeave(c.leave);
        break;
      case "disconnectSockets":
        target(c).disconnectSockets(!!c.close);
        break;
      case "serverSideEmit":
        emitter.of(c.nsp || "/").serverSideEmit(c.name, ...fromJson(c.args || []));
        break;
      default:
        out("error", { message: "unknown command " + c.cmd });
        return;
    }
    out("done", { cmd: c.cmd });
  }, async () => {
    await client.quit();
    process.exit(0);
  });
  out("ready");
}

main().catch((e) => {
  out("error", { message: String((e && e.stack) || e) });
  process.exit(70);
});
