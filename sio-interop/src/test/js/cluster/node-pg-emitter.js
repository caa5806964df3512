// The npm @socket.io/postgres-emitter 0.1.1, driven by commands, for the mixed Postgres tests.
//   node cluster/node-pg-emitter.js --prefix P --table T [--database test]
// Prints {"event":"ready"}. Commands: emit {nsp?, rooms?, except?, name, args},
// socketsJoin {rooms?, join}, socketsLeave {rooms?, leave}, disconnectSockets {rooms?, close},
// serverSideEmit {name, args}; each is answered with {"event":"done","cmd":...} once its
// statements ran. (This emitter writes no top-level "nsp": @socket.io/postgres-adapter 0.5 drops
// its messages, Sio's adapter takes the namespace from the packet or the channel.)
"use strict";

const { Pool } = require("pg");
const { Emitter } = require("@socket.io/postgres-emitter");
const { out, arg, onCommands, fromJson } = require("../lib/io");

async function main() {
  // One connection: statements run in the order they were queued, so two round trips after a
  // command mean its pg_notify (queued after its INSERT, for an attachment) has run.
  const pool = new Pool({
    host: "127.0.0.1",
    port: 5432,
    user: "postgres",
    database: arg("database", "test"),
    max: 1,
  });
  pool.on("error", () => {});
  const opts = { channelPrefix: arg("prefix", "socket.io"), tableName: arg("table", "socket_io_attachments") };
  // Emitter#of() forgets the options in 0.1.1: make one emitter per namespace instead
  const emitters = new Map();
  function emitter(nsp) {
    if (!emitters.has(nsp)) emitters.set(nsp, new Emitter(pool, nsp, opts));
    return emitters.get(nsp);
  }
  function target(c) {
    let op = emitter(c.nsp || "/");
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
        emitter(c.nsp || "/").serverSideEmit(c.name, ...fromJson(c.args || []));
        break;
      default:
        out("error", { message: "unknown command " + c.cmd });
        return;
    }
    await pool.query("SELECT 1");
    await pool.query("SELECT 1");
    out("done", { cmd: c.cmd });
  }, async () => {
    await pool.end();
    process.exit(0);
  });
  out("ready");
}

main().catch((e) => {
  out("error", { message: String((e && e.stack) || e) });
  process.exit(70);
});
