// The well-behaved bystanders: two npm socket.io-client 4.8.4 clients (one WebSocket, one
// long-polling) sending an acknowledged event every 50 ms. A case passes only if, during it, no
// ack came later than 1 s, none failed and no bystander was disconnected.
"use strict";

const { io } = require("socket.io-client");

const PERIOD_MS = 50;
const LATE_MS = 1000;

class Bystander {
  constructor(url, profile, transport) {
    this.transport = transport;
    this.events = []; // {at, kind: "late"|"failed"|"disconnect", detail}
    this.acks = 0; // acks received in time
    this.socket = io(url, {
      path: "/socket.io/",
      transports: [transport],
      upgrade: false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    this.profile = profile;
    this.ready = new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`bystander ${transport}: no connection in 5 s`)), 5000);
      this.socket.once("connect", () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.socket.on("disconnect", (reason) => this.record("disconnect", reason));
    this.socket.on("connect", () => {
      if (profile === "demo") this.socket.emit("join", { room: "bystander-" + transport, nickname: "bystander" });
    });
    this.seq = 0;
    this.timer = setInterval(() => this.tick(), PERIOD_MS);
  }

  record(kind, detail) {
    this.events.push({ at: Date.now(), kind, detail });
  }

  tick() {
    if (!this.socket.connected) return;
    const n = ++this.seq;
    const sent = Date.now();
    const [event, arg] = this.profile === "demo" ? ["message", "tick " + n] : ["message-with-ack", "tick " + n];
    this.socket.timeout(5000).emit(event, arg, (err, reply) => {
      const took = Date.now() - sent;
      if (err) return this.record("failed", `ack #${n} timed out after 5 s`);
      const text = this.profile === "demo" ? reply && reply.text : reply;
      if (text !== arg) return this.record("failed", `ack #${n} carried ${JSON.stringify(reply)}`);
      if (took > LATE_MS) return this.record("late", `ack #${n} after ${took} ms`);
      this.acks++;
    });
  }

  /** The problems recorded since `since` (ms epoch). */
  problems(since) {
    return this.events.filter((e) => e.at >= since).map((e) => `${this.transport} ${e.kind}: ${e.detail}`);
  }

  close() {
    clearInterval(this.timer);
    this.socket.disconnect();
  }
}

module.exports = { Bystander, LATE_MS };
