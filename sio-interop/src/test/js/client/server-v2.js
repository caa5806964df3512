// Node's socket.io 2.5.0 server (Engine.IO v3, Socket.IO protocol v4) for the Sio client's
// ClientProtocol.V2 interop tests (NodeScript line protocol: one JSON line per fact with an
// "event" field; binary as {"$bin": base64}).
//   node client/server-v2.js '{"pingInterval":ms,"pingTimeout":ms,"port":n,"refuseMain":bool}'
// Prints {"event":"listening","port":N}. Namespaces "/", "/admin" and "/secure" (middleware: the
// query's token must be "ok"; "data" is refused with err.data {retry:false}, anything else with
// "unauthorized"). Other namespaces do not exist ("Invalid namespace"). With refuseMain, a
// middleware of "/" refuses every client with "main refused".
const io = require("socket.io-v2");
const http = require("http");

const opts = JSON.parse(process.argv[2] || "{}");
const httpServer = http.createServer();
const server = io(httpServer, {
  pingInterval: opts.pingInterval || 25000,
  pingTimeout: opts.pingTimeout || 5000,
});
const toJson = (v) => {
  if (Buffer.isBuffer(v)) return { $bin: v.toString("base64") };
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === "object") {
    const copy = {};
    for (const [k, x] of Object.entries(v)) copy[k] = toJson(x);
    return copy;
  }
  return v;
};
const fromJson = (v) => {
  if (v && typeof v === "object" && typeof v.$bin === "string") return Buffer.from(v.$bin, "base64");
  if (Array.isArray(v)) return v.map(fromJson);
  if (v && typeof v === "object") {
    const copy = {};
    for (const [k, x] of Object.entries(v)) copy[k] = fromJson(x);
    return copy;
  }
  return v;
};
const out = (o) => process.stdout.write(JSON.stringify(toJson(o)) + "\n");

function setup(nsp) {
  nsp.on("connection", (socket) => {
    const query = Object.assign({}, socket.handshake.query);
    delete query.t; // the cache-busting timestamp differs at each request
    out({ event: "connection", nsp: nsp.name, id: socket.id, query,
          transport: socket.conn.transport.name,
          header: socket.handshake.headers["x-custom"] || null });
    socket.conn.on("upgrade", (t) => out({ event: "upgrade", nsp: nsp.name, transport: t.name }));
    socket.use((packet, next) => {
      const args = packet.slice(1);
      const ack = typeof args[args.length - 1] === "function";
      out({ event: "received", nsp: nsp.name, name: packet[0],
            args: args.filter((a) => typeof a !== "function"), ack });
      next();
    });
    socket.on("echo", (...args) => {
      const cb = args.pop();
      if (typeof cb === "function") cb(...args);
    });
    socket.on("echo-event", (...args) => socket.emit("echo-event", ...args));
    socket.on("ask", (q) => socket.emit("question", q, (...answer) => socket.emit("answer", ...answer)));
    socket.on("disconnect-me", () => socket.disconnect());
    socket.on("error-me", (message) => socket.error(message));
    socket.on("drop-transport", () => socket.conn.close());
    socket.on("mute-pongs", (cb) => {
      // the server stops answering the client's pings (and still takes its packets)
      const send = socket.conn.sendPacket;
      socket.conn.sendPacket = function (type, ...rest) {
        if (type === "pong") return;
        return send.call(this, type, ...rest);
      };
      cb();
    });
    socket.on("join", (room, cb) => { socket.join(room, () => cb && cb()); });
    socket.on("broadcast", (room, ...args) => socket.to(room).emit("broadcast", ...args));
    socket.on("disconnect", (reason) => out({ event: "disconnect", nsp: nsp.name, id: socket.id, reason }));
  });
}
if (opts.refuseMain) server.use((socket, next) => next(new Error("main refused")));
setup(server.of("/"));
setup(server.of("/admin"));
const secure = server.of("/secure");
secure.use((socket, next) => {
  const token = socket.handshake.query.token;
  if (token === "ok") return next();
  const err = new Error("unauthorized");
  if (token === "data") err.data = { retry: false };
  next(err);
});
setup(secure);

// Commands on stdin: {"cmd":"emit","nsp":"/","room":r,"event":e,"args":[...]}
let buf = "";
process.stdin.on("data", (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf("\n")) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    if (c.cmd === "emit") {
      const nsp = server.of(c.nsp || "/");
      const target = c.room ? nsp.to(c.room) : nsp;
      target.emit(c.event, ...fromJson(c.args || []));
      out({ event: "emitted", name: c.event });
    }
  }
});
process.stdin.on("end", () => process.exit(0));

httpServer.listen(opts.port || 0, "127.0.0.1", () => out({ event: "listening", port: httpServer.address().port }));
