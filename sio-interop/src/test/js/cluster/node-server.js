// A Node.js socket.io 4.8 server in a Redis cluster, with the npm adapter of the kind asked for.
//   node cluster/node-server.js --kind classic|sharded|streams|streams02 --prefix P
//        [--stream S] [--session-prefix X] [--mode dynamic] [--recovery] [--name N]
//        [--redis URL] [--stream-count N] [--sharded-pubsub] [--cluster host:port,host:port,...]
// (--cluster: node-redis createCluster on those root nodes instead of one server)
//   [--sentinel host:port,... --master NAME]: ioredis 5 clients found through Sentinel (classic
//   kind only: @socket.io/redis-adapter 8.3 takes ioredis pub/sub clients)
//   node cluster/node-server.js --kind postgres --prefix P --table T [--database test]
//        (@socket.io/postgres-adapter 0.5 on 127.0.0.1:5432, user postgres; --heartbeat MS)
// (streams02: @socket.io/redis-streams-adapter 0.2.3, heartbeats in the stream)
// Prints {"event":"listening","port":N}. Sockets get data.server = name; "join"/"leave" events
// (room, ack) change rooms; server-side "ping" emits are printed and acked with "pong-<name>"
// (unless the first argument is "silent"); "setData" {sid, data} replaces a socket's data. Commands (one JSON per line on stdin) drive the
// cluster operations; each answer is printed with the command's "id".
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");
const { createClient, createCluster } = require("redis");
const { out, arg, onCommands, fromJson } = require("../lib/io");

const kind = arg("kind", "classic");
const prefix = arg("prefix", "socket.io");
const name = arg("name", "N");
const recovery = process.argv.includes("--recovery");

async function postgresAdapter() {
  const { Pool } = require("pg");
  const { createAdapter } = require("@socket.io/postgres-adapter");
  const pool = new Pool({
    host: "127.0.0.1",
    port: 5432,
    user: "postgres",
    database: arg("database", "test"),
    application_name: arg("app", "node-" + name),
    max: 4,
  });
  pool.on("error", () => {}); // a terminated idle client: the pool drops it
  // The adapter's LISTEN client is checked out of the pool for good and has no "error" listener:
  // without this one, a terminated LISTEN connection crashes the process (an unhandled "error"
  // event) instead of letting the adapter reconnect on "end".
  pool.on("connect", (client) => client.on("error", () => {}));
  const table = arg("table", "socket_io_attachments");
  // the adapter expects the table (its README creates it this way)
  await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
      id          bigserial UNIQUE,
      created_at  timestamptz DEFAULT NOW(),
      payload     bytea
  )`).catch(() => {}); // two servers creating it at once: one gets a duplicate key
  const heartbeat = parseInt(arg("heartbeat", "5000"), 10);
  return createAdapter(pool, {
    channelPrefix: prefix,
    tableName: table,
    requestsTimeout: 2000,
    heartbeatInterval: heartbeat,
    heartbeatTimeout: heartbeat * 2,
  });
}

async function sentinelAdapter(sentinel) {
  if (kind !== "classic") {
    throw new Error("--sentinel goes with --kind classic only, not " + kind);
  }
  const Redis = require("ioredis");
  const sentinels = sentinel.split(",").map((a) => {
    const i = a.lastIndexOf(":");
    return { host: a.slice(0, i), port: parseInt(a.slice(i + 1), 10) };
  });
  const options = {
    sentinels,
    name: arg("master", "mymaster"),
    // a failover takes a few seconds: retry every 200 ms, keep commands queued meanwhile
    sentinelRetryStrategy: () => 200,
    retryStrategy: () => 200,
  };
  const pub = new Redis(options);
  const sub = new Redis(options);
  for (const c of [pub, sub]) c.on("error", () => {});
  await Promise.all([pub, sub].map((c) => new Promise((resolve, reject) => {
    c.once("ready", resolve);
    setTimeout(() => reject(new Error("no Redis through Sentinel " + sentinel + " in 10 s")), 10000);
  })));
  const { createAdapter } = require("@socket.io/redis-adapter");
  return createAdapter(pub, sub, { key: prefix, requestsTimeout: 2000 });
}

async function adapter() {
  if (kind === "postgres") {
    return postgresAdapter();
  }
  const sentinel = arg("sentinel", "");
  if (sentinel) {
    return sentinelAdapter(sentinel);
  }
  const cluster = arg("cluster", "");
  const pub = cluster
    ? createCluster({ rootNodes: cluster.split(",").map((a) => ({ url: "redis://" + a })) })
    : createClient({ url: arg("redis", "redis://127.0.0.1:6379") });
  pub.on("error", () => {});
  await pub.connect();
  if (kind === "streams") {
    const { createAdapter } = require("@socket.io/redis-streams-adapter");
    return createAdapter(pub, {
      streamName: arg("stream", prefix + "-stream"),
      streamCount: parseInt(arg("stream-count", "1"), 10),
      useShardedPubSub: process.argv.includes("--sharded-pubsub"),
      channelPrefix: prefix,
      sessionKeyPrefix: arg("session-prefix", prefix + ":session:"),
    });
  }
  if (kind === "streams02") {
    const { createAdapter } = require("redis-streams-adapter-0.2");
    return createAdapter(pub, {
      streamName: arg("stream", prefix + "-stream"),
      sessionKeyPrefix: arg("session-prefix", prefix + ":session:"),
    });
  }
  const sub = pub.duplicate();
  sub.on("error", () => {});
  await sub.connect();
  if (kind === "sharded") {
    const { createShardedAdapter } = require("@socket.io/redis-adapter");
    return createShardedAdapter(pub, sub, {
      channelPrefix: prefix,
      subscriptionMode: arg("mode", "dynamic"),
    });
  }
  const { createAdapter } = require("@socket.io/redis-adapter");
  return createAdapter(pub, sub, { key: prefix, requestsTimeout: 2000 });
}

function describe(socket) {
  return {
    id: socket.id,
    rooms: [...socket.rooms],
    data: socket.data,
    handshake: socket.handshake,
    local: typeof socket.conn !== "undefined",
  };
}

async function main() {
  const httpServer = http.createServer();
  const opts = { adapter: await adapter(), pingInterval: 2000, pingTimeout: 2000 };
  if (recovery) {
    opts.connectionStateRecovery = { maxDisconnectionDuration: 60000, skipMiddlewares: true };
  }
  const io = new Server(httpServer, opts);

  io.on("connection", (socket) => {
    if (!socket.data.server) socket.data.server = name; // a recovered socket keeps its data
    out("connection", { id: socket.id, recovered: socket.recovered, rooms: [...socket.rooms] });
    socket.on("join", (room, ack) => {
      socket.join(room);
      if (typeof ack === "function") ack("joined");
    });
    socket.on("leave", (room, ack) => {
      socket.leave(room);
      if (typeof ack === "function") ack("left");
    });
    socket.on("disconnect", (reason) => out("disconnect", { id: socket.id, reason }));
  });

  io.on("ping", (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    out("sse", { args });
    if (ack && args[0] !== "silent") ack("pong-" + name);
  });

  function target(c) {
    let op = io.of(c.nsp || "/");
    if (c.rooms && c.rooms.length) op = op.to(c.rooms);
    if (c.except && c.except.length) op = op.except(c.except);
    return op;
  }

  onCommands(async (c) => {
    switch (c.cmd) {
      case "emit":
        target(c).emit(c.name, ...fromJson(c.args || []));
        break;
      case "emitWithAck":
        try {
          const answers = await target(c).timeout(c.timeout || 3000).emitWithAck(c.name, ...fromJson(c.args || []));
          out("ack", { id: c.id, args: answers });
        } catch (e) {
          out("ack", { id: c.id, error: String(e && e.message) });
        }
        break;
      case "fetchSockets": {
        const sockets = await target(c).fetchSockets();
        out("sockets", { id: c.id, sockets: sockets.map(describe) });
        break;
      }
      case "remote": {
        const sockets = await io.fetchSockets();
        const s = sockets.find((x) => x.id === c.sid);
        if (!s) {
          out("remote", { id: c.id, error: "no socket " + c.sid });
          break;
        }
        if (c.op === "emit") s.emit(c.name, ...fromJson(c.args || []));
        if (c.op === "join") s.join(c.room);
        if (c.op === "leave") s.leave(c.room);
        if (c.op === "disconnect") s.disconnect(!!c.close);
        out("remote", { id: c.id, done: true });
        break;
      }
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
        io.serverSideEmit(c.name, ...fromJson(c.args || []));
        break;
      case "serverSideEmitWithAck":
        try {
          const answers = await io.serverSideEmitWithAck(c.name, ...fromJson(c.args || []));
          out("sseAck", { id: c.id, args: answers });
        } catch (e) {
          out("sseAck", { id: c.id, error: String(e && e.message) });
        }
        break;
      case "serverCount":
        out("serverCount", { id: c.id, count: await io.of("/").adapter.serverCount() });
        break;
      case "setData": {
        const s = io.of("/").sockets.get(c.sid);
        if (s) s.data = fromJson(c.data);
        out("setData", { id: c.id, done: !!s });
        break;
      }
      case "rooms": {
        const s = io.of("/").sockets.get(c.sid);
        out("rooms", { id: c.id, rooms: s ? [...s.rooms] : null });
        break;
      }
      default:
        out("error", { message: "unknown command " + c.cmd });
    }
  }, () => {
    io.close();
    process.exit(0);
  });

  httpServer.listen(0, "127.0.0.1", () => out("listening", { port: httpServer.address().port }));
}

main().catch((e) => {
  out("error", { message: String((e && e.stack) || e) });
  process.exit(70);
});
