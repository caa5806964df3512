// Node's socket.io server for the Sio client's interop tests (NodeScript line protocol: one JSON
// line per fact with an "event" field; binary as {"$bin": base64}).
//   node client/server.js '{"recovery":bool,"msgpack":bool,"pingInterval":ms,"pingTimeout":ms,
//                          "maxHttpBufferSize":n,"cookie":bool,"port":n,"perMessageDeflate":bool}'
// Prints {"event":"listening","port":N}. Namespaces "/", "/admin" and "/secure" (middleware: auth
// token must be "ok", else connect_error "unauthorized" with data {retry:false}).
const { Server } = require("socket.io");
const http = require("http");

const opts = JSON.parse(process.argv[2] || "{}");
const serverOptions = {
  pingInterval: opts.pingInterval || 25000,
  pingTimeout: opts.pingTimeout || 20000,
  maxHttpBufferSize: opts.maxHttpBufferSize || 1e6,
  cookie: opts.cookie ? { name: "io", httpOnly: true } : false,
};
if (opts.recovery) {
  serverOptions.connectionStateRecovery = { maxDisconnectionDuration: 60000 };
}
if (opts.msgpack) {
  serverOptions.parser = require("socket.io-msgpack-parser");
}
// perMessageDeflate: Node's WebSocket accepts permessage-deflate; "inflated" counts the messages
// that arrived compressed (RSV1: ws inflates only those, the final fragment counts one message).
let inflated = 0;
if (opts.perMessageDeflate) {
  serverOptions.perMessageDeflate = { threshold: 1024 };
  const path = require("path");
  const wsDir = path.dirname(require.resolve("engine.io"));
  const wsMain = require.resolve("ws", { paths: [wsDir] }); // the ws that engine.io loads
  const PerMessageDeflate = require(path.join(path.dirname(wsMain), "lib/permessage-deflate.js"));
  const decompress = PerMessageDeflate.prototype.decompress;
  PerMessageDeflate.prototype.decompress = function (data, fin, callback) {
    if (fin) inflated++;
    return decompress.call(this, data, fin, callback);
  };
}
const httpServer = http.createServer();
if (opts.cookie) {
  httpServer.prependListener("request", (req) => {
    if (req.headers.cookie) out({ event: "cookie", value: req.headers.cookie });
  });
}
const io = new Server(httpServer, serverOptions);
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
const out = (o) => process.stdout.write(JSON.stringify(toJson(o)) + "\n");

function setup(nsp) {
  nsp.on("connection", (socket) => {
    out({ event: "connection", nsp: nsp.name, id: socket.id, recovered: socket.recovered,
          auth: socket.handshake.auth, query: socket.handshake.query.custom || null,
          header: socket.handshake.headers["x-custom"] || null,
          cookie: socket.handshake.headers["cookie"] || null,
          extensions: socket.handshake.headers["sec-websocket-extensions"] || null,
          transport: socket.conn.transport.name });
    socket.conn.on("upgrade", (t) => out({ event: "upgrade", transport: t.name }));
    socket.onAny((event, ...args) => {
      const last = args[args.length - 1];
      const clean = args.filter((a) => typeof a !== "function");
      out({ event: "received", name: event, args: clean, ack: typeof last === "function" });
    });
    socket.on("echo", (...args) => {
      const cb = args.pop();
      if (typeof cb === "function") cb(...args);
    });
    socket.on("echo-event", (...args) => socket.emit("echo-event", ...args));
    socket.on("no-ack", () => {});
    socket.on("inflated", (cb) => cb(inflated));
    socket.on("length", (v, cb) => cb(v.length));
    socket.on("ask", (q) => {
      socket.timeout(5000).emit("question", q, (err, answer) => {
        socket.emit("answer", err ? { error: err.message } : answer);
      });
    });
    socket.on("disconnect-me", () => socket.disconnect());
    socket.on("drop-transport", () => socket.conn.close());
    socket.on("join", (room, cb) => { socket.join(room); cb && cb(); });
    socket.on("broadcast", (room, ...args) => socket.to(room).emit("broadcast", ...args));
    socket.on("emit-to-room", (room, n, cb) => {
      for (let i = 0; i < n; i++) nsp.to(room).emit("seq", i);
      cb && cb();
    });
    socket.on("disconnect", (reason) => out({ event: "disconnect", nsp: nsp.name, reason }));
  });
}
setup(io.of("/"));
setup(io.of("/admin"));
const secure = io.of("/secure");
secure.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === "ok") return next();
  const err = new Error("unauthorized");
  err.data = { retry: false };
  next(err);
});
setup(secure);

// Commands on stdin: {"cmd":"emit","nsp":"/","room":r,"event":e,"args":[...]}, {"cmd":"close-all"}
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
      const target = c.room ? io.of(c.nsp || "/").to(c.room) : io.of(c.nsp || "/");
      target.emit(c.event, ...(c.args || []));
      out({ event: "emitted", name: c.event });
    } else if (c.cmd === "close-transports") {
      for (const [, s] of io.of("/").sockets) s.conn.close();
      out({ event: "closed-transports" });
    }
  }
});
process.stdin.on("end", () => process.exit(0));

httpServer.listen(opts.port || 0, "127.0.0.1", () => out({ event: "listening", port: httpServer.address().port }));
