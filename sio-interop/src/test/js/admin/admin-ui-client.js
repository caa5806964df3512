// What the admin UI sees during one scripted scenario, with the official socket.io-client:
//   node admin/admin-ui-client.js --url http://127.0.0.1:PORT
// 1. a login with a wrong password (its connect_error message is recorded);
// 2. the admin logs in ("admin" / "changeit") and records every event it receives;
// 3. a user connects to "/" (long-polling), joins "room-1", emits "hello" with an
//    ack, and "profile" (the server sets two fields of socket.data); the admin makes the sockets of room-1 join "blue" and emits "announce" to "blue";
//    then the admin disconnects the user with "_disconnect";
// 4. after the next server_stats that follows, prints {"event":"recorded", ...} and exits.
"use strict";

const { io } = require("socket.io-client");
const { out, arg } = require("../lib/io");

const url = arg("url", "");
const events = [];
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (what, predicate, ms = 10000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
};

async function main() {
  const refused = await new Promise((resolve) => {
    const s = io(`${url}/admin`, {
      auth: { username: "admin", password: "wrong" },
      reconnection: false,
      transports: ["websocket"],
    });
    s.on("connect", () => resolve("connected?!"));
    s.on("connect_error", (e) => {
      s.close();
      resolve(e.message);
    });
  });

  const admin = io(`${url}/admin`, {
    auth: { username: "admin", password: "changeit" },
    reconnection: false,
    transports: ["websocket"],
  });
  admin.onAny((event, ...args) => events.push({ event, args }));
  // The admin namespace's CONNECT and EVENT packets as they came off the wire (Socket.IO packet
  // text, its first characters: "0/admin,{..." or "2/admin,[\"session\"..."), in order.
  const wire = [];
  admin.io.engine.on("packet", (p) => {
    const d = p.type === "message" && typeof p.data === "string" ? p.data : "";
    if (d.startsWith("0/admin,") || d.startsWith("2/admin,")) {
      wire.push(d.slice(0, 20));
    }
  });
  await new Promise((resolve, reject) => {
    admin.on("connect", resolve);
    admin.on("connect_error", reject);
  });
  await until("all_sockets", () => events.some((e) => e.event === "all_sockets"));

  // Polling only: whether an upgrade ends before or after CONNECT is a race (socket_updated).
  const user = io(url, { reconnection: false, transports: ["polling"] });
  await new Promise((resolve) => user.on("connect", resolve));
  const userId = user.id;
  user.emit("join", "room-1");
  const ack = await user.timeout(5000).emitWithAck("hello", "bob");
  user.emit("profile", "bob");
  await until("socket_updated", () =>
    events.filter((e) => e.event === "socket_updated" && e.args[0].id === userId).length >= 2,
  );
  await until("room-1", () =>
    events.some((e) => e.event === "room_joined" && e.args[1] === "room-1"),
  );
  admin.emit("join", "/", "blue", "room-1");
  await until("blue", () => events.some((e) => e.event === "room_joined" && e.args[1] === "blue"));
  const announced = new Promise((resolve) => user.on("announce", (...args) => resolve(args)));
  admin.emit("emit", "/", "blue", "announce", "hello", 2);
  const announce = await announced;
  const userGone = new Promise((resolve) => user.on("disconnect", resolve));
  admin.emit("_disconnect", "/", false, userId);
  const userReason = await userGone;
  await until("socket_disconnected", () => events.some((e) => e.event === "socket_disconnected"));
  const stats = events.filter((e) => e.event === "server_stats").length;
  await until("a later server_stats", () =>
    events.filter((e) => e.event === "server_stats").length > stats,
  );
  await wait(100);
  admin.close();
  out("recorded", { refused, userId, ack, announce, userReason, events, wire });
  process.exit(0);
}

main().catch((e) => {
  out("error", { message: String(e && e.stack ? e.stack : e) });
  process.exit(1);
});
