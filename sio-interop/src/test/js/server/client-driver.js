// The npm socket.io-client in node, driven by JSON commands on stdin: any number of Managers
// (one Engine.IO connection each) and of sockets (one namespace each) on them.
//   node server/client-driver.js
// Every line printed names the client ("client") or manager ("manager") it is about.
//
// Commands (one JSON object per line):
//   {"cmd":"manager","manager":"m","url":"http://127.0.0.1:N","transports":["polling"],
//    "upgrade":true,"parser":"msgpack","reconnection":false,"reconnectionDelay":100,
//    "query":{...},"extraHeaders":{...}}
//   {"cmd":"socket","client":"a","manager":"m","ns":"/chat","auth":{...}}
//   "v2":true on a manager (or connect): the npm socket.io-client 2.5.0 (Engine.IO v3, Socket.IO
//   protocol v4) instead of 4.8.4; its sockets send "auth" as the namespace's query, answer
//   "emitWithAck" without timeout only, and report a CONNECT_ERROR as connect_error too.
//   {"cmd":"connect", ...both of the above in one: a manager named after the client}
//   {"cmd":"emit","client":"a","name":"ev","args":[...],"volatile":false}
//   {"cmd":"burst","client":"a","name":"ev","count":n}  emits ev(0) … ev(n-1) in one go
//   {"cmd":"emitWithAck","client":"a","id":1,"name":"ev","args":[...],"timeout":ms}
//       -> ack {client,id,args} | ack_error {client,id,message}
//   {"cmd":"ack","ack":7,"args":[...]}  answers the server's event that came with "ack":7
//   {"cmd":"disconnect","client":"a"}   socket.disconnect()
//   {"cmd":"reconnect","client":"a"}    socket.connect()
//   {"cmd":"dropTransport","client":"a"} socket.io.engine.close()
//   {"cmd":"state","client":"a"}        -> state {client,connected,id,recovered,transport,engine}
//   {"cmd":"sync","seq":n}              -> done {seq}: every earlier command has run
//
// Prints: open {manager,transport,engine}, upgrade {manager,transport}, close {manager,reason},
// reconnect_attempt {manager}, connect {client,id,recovered,transport,engine},
// connect_error {client,message,data}, disconnect {client,reason},
// message {client,name,args,ack?} for every event received (ack: an id to answer with "ack").
// Binary values travel as {"$bin": base64} both ways (see lib/io.js).
"use strict";

const { Manager } = require("socket.io-client");
const ManagerV2 = require("socket.io-client-v2").Manager;
const { out, fromJson, onCommands } = require("../lib/io");

const managers = new Map(); // name -> Manager
const sockets = new Map(); // client name -> Socket
const pendingAcks = new Map(); // ack id -> callback the server waits on
let nextAck = 1;

function newManager(name, c) {
  if (managers.has(name)) throw new Error(`manager ${name} exists`);
  const options = {
    transports: c.transports || ["polling", "websocket"],
    upgrade: c.upgrade !== false,
    reconnection: c.reconnection === true,
    reconnectionDelay: c.reconnectionDelay || 100,
    reconnectionDelayMax: c.reconnectionDelay || 100,
    randomizationFactor: 0,
    timeout: 10000,
  };
  if (c.parser === "msgpack") options.parser = require("socket.io-msgpack-parser");
  if (c.query) options.query = c.query;
  if (c.extraHeaders) options.extraHeaders = c.extraHeaders;
  const manager = c.v2 ? new ManagerV2(c.url, options) : new Manager(c.url, options);
  manager.v2 = c.v2 === true;
  manager.on("open", () => {
    const engine = manager.engine;
    out("open", { manager: name, transport: engine.transport.name, engine: engine.id });
    engine.on("upgrade", (t) => out("upgrade", { manager: name, transport: t.name }));
  });
  manager.on("close", (reason) => out("close", { manager: name, reason }));
  manager.on("reconnect_attempt", (n) => out("reconnect_attempt", { manager: name, attempt: n }));
  manager.on("reconnect", (n) => out("reconnect", { manager: name, attempt: n }));
  managers.set(name, manager);
  return manager;
}

function newSocket(name, managerName, c) {
  if (sockets.has(name)) throw new Error(`client ${name} exists`);
  const manager = managers.get(managerName);
  if (!manager) throw new Error(`no manager ${managerName}`);
  if (manager.v2) return newSocketV2(name, manager, c);
  const socket = manager.socket(c.ns || "/", c.auth ? { auth: c.auth } : {});
  socket.on("connect", () =>
    out("connect", {
      client: name,
      id: socket.id,
      recovered: socket.recovered,
      transport: socket.io.engine.transport.name,
      engine: socket.io.engine.id,
    })
  );
  socket.on("connect_error", (err) =>
    out("connect_error", { client: name, message: err.message, data: err.data === undefined ? null : err.data })
  );
  socket.on("disconnect", (reason) => out("disconnect", { client: name, reason }));
  socket.onAny((event, ...args) => {
    const line = { client: name, name: event };
    if (typeof args[args.length - 1] === "function") {
      const id = nextAck++;
      pendingAcks.set(id, args.pop());
      line.ack = id;
    }
    line.args = args;
    out("message", line);
  });
  sockets.set(name, socket);
  return socket;
}

// socket.io-client 2.x: no onAny, no timeout(), no "recovered"; a CONNECT_ERROR is its "error".
function newSocketV2(name, manager, c) {
  const socket = manager.socket(c.ns || "/", c.auth ? { query: c.auth } : {});
  socket.v2 = true;
  socket.on("connect", () =>
    out("connect", {
      client: name,
      id: socket.id,
      recovered: false,
      transport: socket.io.engine.transport.name,
      engine: socket.io.engine.id,
    })
  );
  socket.on("error", (data) => {
    const message = typeof data === "string" ? data : data && data.message;
    out("connect_error", { client: name, message: message === undefined ? null : message, data: data === undefined ? null : data });
  });
  socket.on("disconnect", (reason) => out("disconnect", { client: name, reason }));
  socket.onevent = function (packet) {
    const args = (packet.data || []).slice();
    const line = { client: name, name: args.shift() };
    if (packet.id != null) {
      const id = nextAck++;
      pendingAcks.set(id, this.ack(packet.id));
      line.ack = id;
    }
    line.args = args;
    out("message", line);
  };
  sockets.set(name, socket);
  return socket;
}

function socketOf(c) {
  const socket = sockets.get(c.client);
  if (!socket) throw new Error(`no client ${c.client}`);
  return socket;
}

onCommands(
  (c) => {
    switch (c.cmd) {
      case "manager":
        newManager(c.manager, c);
        break;
      case "socket":
        newSocket(c.client, c.manager, c);
        break;
      case "connect":
        newManager(c.client, c);
        newSocket(c.client, c.client, c);
        break;
      case "emit": {
        const socket = socketOf(c);
        (c.volatile ? socket.volatile : socket).emit(c.name, ...fromJson(c.args || []));
        break;
      }
      case "burst": {
        // count events name(i) in one go, i = 0..count-1 (they leave in one batch)
        const socket = socketOf(c);
        for (let i = 0; i < c.count; i++) socket.emit(c.name, i);
        break;
      }
      case "emitWithAck": {
        const socket = socketOf(c);
        const args = fromJson(c.args || []);
        if (c.timeout && socket.v2) throw new Error("socket.io-client 2.x has no timeout()");
        if (c.timeout) {
          socket.timeout(c.timeout).emit(c.name, ...args, (err, ...reply) => {
            if (err) out("ack_error", { client: c.client, id: c.id, message: err.message });
            else out("ack", { client: c.client, id: c.id, args: reply });
          });
        } else {
          socket.emit(c.name, ...args, (...reply) => out("ack", { client: c.client, id: c.id, args: reply }));
        }
        break;
      }
      case "ack": {
        const callback = pendingAcks.get(c.ack);
        if (!callback) throw new Error(`no pending ack ${c.ack}`);
        pendingAcks.delete(c.ack);
        callback(...fromJson(c.args || []));
        break;
      }
      case "disconnect":
        socketOf(c).disconnect();
        break;
      case "reconnect":
        socketOf(c).connect();
        break;
      case "dropTransport":
        socketOf(c).io.engine.close();
        break;
      case "state": {
        const socket = socketOf(c);
        const engine = socket.io.engine;
        out("state", {
          client: c.client,
          connected: socket.connected,
          id: socket.id === undefined ? null : socket.id,
          recovered: socket.recovered === true,
          transport: engine && engine.transport ? engine.transport.name : null,
          engine: engine && engine.id ? engine.id : null,
        });
        break;
      }
      case "sync":
        out("done", { seq: c.seq });
        break;
      default:
        throw new Error(`unknown command ${c.cmd}`);
    }
  },
  () => {
    for (const socket of sockets.values()) socket.disconnect();
    for (const manager of managers.values()) manager.engine && manager.engine.close();
    process.exit(0);
  }
);

out("ready");
