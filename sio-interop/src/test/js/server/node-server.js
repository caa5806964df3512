// Node's own socket.io 4.8.4 server with the scenario handlers of the interop suite: the golden
// reference that SioScenarioServer.java mirrors handler for handler and command for command.
//   node server/node-server.js [--recovery [--recovery-ms N]] [--parser msgpack]
// Prints {"event":"listening","port":N}, then one JSON line per thing that happens.
//
// Namespaces: "/", "/chat", dynamic ones matching /^\/dyn-\d+$/, and "/guarded" (a middleware wants auth {"token":"secret"}, else
// rejects with Error("unauthorized") and data {"reason":"no token","retry":false}), "/slow" (the
// same check, answered 200 ms later: Error("too slow"), data {"late":true}). On "/" a
// middleware rejects with Error(auth.fail) (no data) when auth has "fail". Any other namespace is
// invalid.
//
// Every socket: sets socket.data.since to its id unless recovered, prints connection
// {ns,id,auth,token,header,recovered,engine,rooms,data} (token: the query parameter "token",
// header: the request header "x-sio-test", else null) and
// disconnect {ns,id,reason}; every incoming event prints
// received {ns,id,name,args,ack}, then:
//   echo (...args)              emits "echo" (...args) back; acks (...args) when asked
//   burst (event, n)            emits event(0) … event(n-1) in one go
//   volatileBetween ()          emits n(1), volatile v(2), n(3) in one go
//   join (room)                 joins room; acks its rooms (sorted)
//   leave (room)                leaves room; acks its rooms (sorted)
//   broadcast (event, ...args)  socket.broadcast.emit(event, ...args); acks ()
//   toRoom (room, event, ...a)  socket.to(room).emit(event, ...a); acks ()
//   exceptRoom (room, event, ..) socket.except(room).emit(event, ..); acks ()
//   transport ()                acks the transport name of the connection
//   disconnectMe (close)        socket.disconnect(close)
//   noAck (...)                 nothing (an ack, when asked, never comes)
//
// Commands (stdin), each answered by done {seq} once it ran:
//   {"cmd":"emit","seq":1,"ns":"/","socket":id?,"to":[..],"except":[..],"volatile":b,
//    "event":"x","args":[..]}                       socket.emit or a namespace broadcast
//   {"cmd":"emitWithAck","seq":2,"id":9,"ns":"/","socket":id?,"to":[..],"timeout":ms?,
//    "event":"x","args":[..]}   -> ack {id,args} (one socket: its ack arguments) or
//                                  ack {id,responses} (broadcast: first argument of each, sorted)
//                                  | ack_error {id,timeout,message}
//   {"cmd":"disconnect","seq":3,"ns":"/","socket":id,"close":b}   socket.disconnect(close)
//   {"cmd":"closeConn","seq":4,"ns":"/","socket":id}              socket.conn.close()
//   {"cmd":"socketsJoin"|"socketsLeave","seq":6,"ns":"/","to":[..],"except":[..],"rooms":[..]}
//   {"cmd":"disconnectSockets","seq":7,"ns":"/","to":[..],"except":[..],"close":b}
//   {"cmd":"fetchSockets","seq":8,"ns":"/","to":[..]} -> sockets {ns,sockets:[{id,rooms}]} by id
//   {"cmd":"rooms","seq":5,"ns":"/","socket":id}  -> rooms {ns,id,rooms} (null when gone)
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");
const { out, arg, toJson, fromJson, onCommands } = require("../lib/io");

const recovery = process.argv.includes("--recovery");
// allowEIO3: Socket.IO v2 clients (socket.io-client 2.5.0) beside v4 ones (V2ClientsIT)
const options = { pingInterval: 2000, pingTimeout: 2000, connectTimeout: 1500, allowEIO3: true };
if (recovery) {
  const maxDisconnectionDuration = Number(arg("recovery-ms", "60000"));
  options.connectionStateRecovery = { maxDisconnectionDuration, skipMiddlewares: true };
}
if (arg("parser") === "msgpack") options.parser = require("socket.io-msgpack-parser");

const httpServer = http.createServer();
const io = new Server(httpServer, options);

io.of("/").use((socket, next) => {
  const fail = socket.handshake.auth && socket.handshake.auth.fail;
  next(fail ? new Error(fail) : undefined);
});
io.of("/slow").use((socket, next) => {
  // answers later, from a timer (Sio: from another thread)
  setTimeout(() => {
    if (socket.handshake.auth && socket.handshake.auth.token === "secret") return next();
    const err = new Error("too slow");
    err.data = { late: true };
    next(err);
  }, 200);
});
io.of("/guarded").use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === "secret") return next();
  const err = new Error("unauthorized");
  err.data = { reason: "no token", retry: false };
  next(err);
});

const sorted = (socket) => [...socket.rooms].sort();

const dynamic = io.of(/^\/dyn-\d+$/);
for (const nsp of [io.of("/"), io.of("/chat"), io.of("/guarded"), io.of("/slow"), dynamic]) {
  nsp.on("connection", (socket) => {
    const name = socket.nsp.name;
    if (!socket.recovered) socket.data.since = socket.id;
    out("connection", {
      ns: name,
      id: socket.id,
      auth: socket.handshake.auth,
      token: socket.handshake.query.token || null,
      header: socket.handshake.headers["x-sio-test"] || null,
      recovered: socket.recovered,
      engine: socket.conn.id,
      rooms: sorted(socket),
      data: socket.data,
    });
    socket.on("disconnect", (reason) => out("disconnect", { ns: name, id: socket.id, reason }));
    socket.onAny((event, ...args) => {
      const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
      out("received", { ns: name, id: socket.id, name: event, args, ack: ack !== null });
      switch (event) {
        case "echo":
          socket.emit("echo", ...args);
          if (ack) ack(...args);
          break;
        case "join":
          socket.join(args[0]);
          if (ack) ack(sorted(socket));
          break;
        case "leave":
          socket.leave(args[0]);
          if (ack) ack(sorted(socket));
          break;
        case "broadcast":
          socket.broadcast.emit(...args);
          if (ack) ack();
          break;
        case "toRoom":
          socket.to(args[0]).emit(...args.slice(1));
          if (ack) ack();
          break;
        case "burst":
          for (let i = 0; i < args[1]; i++) socket.emit(args[0], i);
          break;
        case "volatileBetween":
          // a normal event, a volatile one at once (the transport is busy writing), a normal one
          socket.emit("n", 1);
          socket.volatile.emit("v", 2);
          socket.emit("n", 3);
          break;
        case "exceptRoom":
          socket.except(args[0]).emit(...args.slice(1));
          if (ack) ack();
          break;
        case "transport":
          if (ack) ack(socket.conn.transport.name);
          break;
        case "disconnectMe":
          socket.disconnect(args[0] === true);
          break;
        default:
          break;
      }
    });
  });
}

function target(c) {
  const nsp = io.of(c.ns || "/");
  if (c.socket) {
    const socket = nsp.sockets.get(c.socket);
    if (!socket) throw new Error(`no socket ${c.socket} in ${nsp.name}`);
    return { socket, op: socket };
  }
  let op = nsp.to(c.to || []);
  if (c.except && c.except.length) op = op.except(c.except);
  return { socket: null, op };
}

function failed(c, err) {
  out("ack_error", { id: c.id, timeout: err.message === "operation has timed out", message: err.message });
}

onCommands(
  async (c) => {
    switch (c.cmd) {
      case "emit": {
        let { op } = target(c);
        if (c.volatile) op = op.volatile;
        op.emit(c.event, ...fromJson(c.args || []));
        break;
      }
      case "emitWithAck": {
        const { socket, op } = target(c);
        const args = fromJson(c.args || []);
        if (socket) {
          if (c.timeout) {
            socket.timeout(c.timeout).emit(c.event, ...args, (err, ...reply) =>
              err ? failed(c, err) : out("ack", { id: c.id, args: reply })
            );
          } else {
            socket.emit(c.event, ...args, (...reply) => out("ack", { id: c.id, args: reply }));
          }
        } else {
          op.timeout(c.timeout || 10000).emit(c.event, ...args, (err, responses) =>
            err ? failed(c, err) : out("ack", { id: c.id, responses: sortJson(responses) })
          );
        }
        break;
      }
      case "disconnect":
        target(c).socket.disconnect(c.close === true);
        break;
      case "closeConn":
        target(c).socket.conn.close();
        break;
      case "socketsJoin":
        target(c).op.socketsJoin(c.rooms);
        break;
      case "socketsLeave":
        target(c).op.socketsLeave(c.rooms);
        break;
      case "disconnectSockets":
        target(c).op.disconnectSockets(c.close === true);
        break;
      case "fetchSockets": {
        const sockets = await target(c).op.fetchSockets();
        const list = sockets
          .map((s) => ({ id: s.id, rooms: [...s.rooms].sort() }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        out("sockets", { ns: c.ns || "/", sockets: list });
        break;
      }
      case "rooms": {
        const socket = io.of(c.ns || "/").sockets.get(c.socket);
        out("rooms", { ns: c.ns || "/", id: c.socket, rooms: socket ? sorted(socket) : null });
        break;
      }
      default:
        throw new Error(`unknown command ${c.cmd}`);
    }
    out("done", { seq: c.seq });
  },
  () => {
    io.close();
    process.exit(0);
  }
);

// Broadcast answers come in arrival order; sorted by their JSON line form (binary as
// {"$bin":…}, as SioScenarioServer sorts them) they compare across servers.
function sortJson(values) {
  return values.map(toJson).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

httpServer.listen(0, "127.0.0.1", () => out("listening", { port: httpServer.address().port }));
