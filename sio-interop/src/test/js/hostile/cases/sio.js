// Socket.IO v5 cases on a WebSocket session at /socket.io/: namespaces, CONNECT abuse, malformed
// packets, ack ids, reserved event names, binary attachments, big and deep JSON.
"use strict";

const raw = require("../lib/raw");
const eio = require("../lib/eio");
const { verdict } = require("./check");

const CASES = [];
const add = (c) => CASES.push(c);

/** A connected "/" socket: ws with ws.connected set (null when refused). */
const session = (ctx, nsp = "/", auth) => eio.sioSession(ctx.t, ctx.sio, nsp, auth);

/** The probe event as packet args: ["message-with-ack", "probe"] or ["join", {...}]. */
const probe = (ctx) => ctx.probe;

/** Whether the "/" socket on ws still answers an acked probe (ack id 900 + n). */
let probeId = 900000;
async function alive(ctx, ws) {
  if (ws.conn.closed || ws.conn.ended) return false;
  return !!(await eio.sioAck(ws, ++probeId, probe(ctx), 1500));
}

/** Sends text frames, then reports "closed" or "alive" (or "dead": open but not answering). */
async function after(ctx, ws, frames, { wait = 300 } = {}) {
  for (const f of frames) {
    if (Buffer.isBuffer(f)) await ws.sendBinary(f);
    else await ws.send(f);
  }
  await raw.sleep(wait);
  const c = await ws.waitClosed(200);
  if (c.any) return { state: "closed", code: c.code };
  return { state: (await alive(ctx, ws)) ? "alive" : "dead" };
}

/** A case: connect "/", send frames(ctx), accept states; `noAck` fails on any "43<id>" seen. */
function packet(name, what, expect, frames, states, { noAck, profiles, listed, wait } = {}) {
  add({
    name,
    what,
    expect,
    profiles,
    listed,
    run: async (ctx) => {
      const ws = await session(ctx);
      if (!ws.connected) return verdict(false, "no CONNECT answer");
      const from = ws.texts().length;
      const r = await after(ctx, ws, frames(ctx), { wait });
      const acks = ws.texts().slice(from).filter((t) => /^43/.test(t) && !/^439\d{5}\[/.test(t));
      const ackBad = noAck && acks.length > 0;
      return verdict(states.includes(r.state) && !ackBad, r.state + (r.code ? ` (close ${r.code})` : "") + (acks.length ? `; acks ${acks.map((a) => a.slice(0, 30)).join(" ")}` : ""));
    },
  });
}

// an acked probe event with id; the fixture echoes args, the demo's typed "join" needs its object
const P = (ctx, id, ...args) => `42${id === null ? "" : id}${JSON.stringify(ctx.profile === "demo" ? ctx.probe : [ctx.probe[0], ...args])}`;
const ph = (num) => ({ _placeholder: true, num });

// ---- namespaces ----
add({
  name: "connect-unknown-namespace",
  what: "CONNECT to /nope",
  expect: "44/nope,{\"message\":\"Invalid namespace\"}; the session and its '/' socket stay usable",
  run: async (ctx) => {
    const ws = await session(ctx);
    await ws.send("40/nope,");
    const err = await ws.waitText("44/nope,", 1500);
    const ok = err && /Invalid namespace/.test(err) && (await alive(ctx, ws));
    return verdict(ok, err ? err.slice(0, 60) : "no 44 answer");
  },
});
add({
  name: "connect-unknown-namespace-x500",
  what: "500 CONNECTs to distinct unknown namespaces on one session",
  expect: "each answered 44 (or the session closed once as abusive); the server stays up",
  run: async (ctx) => {
    const ws = await session(ctx);
    for (let i = 0; i < 500; i++) await ws.send(`40/nope-${i},`);
    await ws.until((w) => w.texts().filter((t) => t.startsWith("44/nope-")).length >= 500, 3000);
    const n = ws.texts().filter((t) => t.startsWith("44/nope-")).length;
    return verdict(n === 500 || ws.conn.closed, `${n} x 44${ws.conn.closed ? ", closed" : ""}`);
  },
});
add({
  name: "connect-same-namespace-twice",
  what: "a second CONNECT to '/' on a session already connected to '/'",
  expect: "the session closed within 3 s (Node: 'invalid state'), a 44 answer, or the one socket keeps working; never a session left open but deaf",
  run: async (ctx) => {
    const ws = await session(ctx);
    const from = ws.texts().length;
    await ws.send("40");
    await raw.sleep(300);
    const answers = ws.texts().slice(from).filter((t) => /^4[04]/.test(t));
    const works = await alive(ctx, ws);
    const c = works ? { any: false } : await ws.waitClosed(3000);
    return verdict(works || c.any || answers.some((a) => a.startsWith("44")), `answers: ${answers.map((a) => a.slice(0, 40)).join(" ") || "none"}; ${works ? "socket works" : c.any ? "closed" : "open but deaf"}`);
  },
});
add({
  name: "connect-flood-one-session",
  what: "500 CONNECTs to '/' and '/custom' on one session",
  expect: "the server stays up; every socket gone after the session closes",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await session(ctx);
    for (let i = 0; i < 250; i++) {
      await ws.send("40");
      await ws.send("40/custom,");
    }
    await raw.sleep(500);
    return verdict(true, `${ws.texts().filter((t) => /^40/.test(t)).length} CONNECT answers${ws.conn.closed ? ", closed" : ""}`);
  },
});
for (const [n, payload] of [["array", "[1,2]"], ["string", '"x"'], ["null", "null"], ["invalid-json", "{"], ["true", "true"]]) {
  add({
    name: `connect-auth-${n}`,
    what: `CONNECT with the payload ${payload}`,
    expect: "the session closed (invalid payload, as Node) or a 44 answer; never a connected socket",
    run: async (ctx) => {
      const ws = await eio.wsSession(ctx.t, ctx.sio);
      await ws.send("40" + payload);
      await raw.sleep(400);
      const t = ws.texts();
      const connected = t.some((x) => /^40\{/.test(x));
      const c = await ws.waitClosed(600);
      return verdict(!connected && (c.any || t.some((x) => x.startsWith("44"))), connected ? "connected" : c.any ? "closed" : t.filter((x) => x.startsWith("44")).join(" ") || "ignored (no answer)");
    },
  });
}
add({
  name: "connect-auth-huge",
  what: "CONNECT with a 600 KB auth object",
  expect: "connected (under maxHttpBufferSize) or refused with 44/close; the server stays up",
  run: async (ctx) => {
    const ws = await session(ctx, "/", { blob: "x".repeat(600000) });
    return verdict(!!ws.connected || ws.conn.closed, ws.connected ? ws.connected.slice(0, 12) : ws.conn.closed ? "closed" : "no answer");
  },
});
add({
  name: "connect-namespace-100k",
  what: "CONNECT to a 100 KB namespace name",
  expect: "44 Invalid namespace or a close; the server stays up",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.sio);
    await ws.send("40/" + "n".repeat(100000) + ",");
    const err = await ws.waitText("44/", 1500);
    const c = await ws.waitClosed(err ? 10 : 1000);
    return verdict(!!err || c.any, err ? "44" : c.any ? "closed" : "no answer");
  },
});
add({
  name: "connect-namespace-with-query",
  what: "CONNECT to '/custom?x=1'",
  expect: "connected to /custom (the query is dropped) or 44; never a 5xx or a hang",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.sio);
    await ws.send("40/custom?x=1,");
    const a = await ws.waitText(/^4[04]\/custom/, 1500);
    return verdict(!!a || ws.conn.closed, a ? a.slice(0, 40) : ws.conn.closed ? "closed" : "no answer");
  },
});
add({
  name: "connect-error-from-client",
  what: "a CONNECT_ERROR (44) packet sent by the client",
  expect: "the session closed (Node: invalid state) or ignored; the server stays up",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.sio);
    await ws.send('44{"message":"x"}');
    await raw.sleep(300);
    return verdict(true, ws.conn.closed ? "closed" : "ignored");
  },
});
add({
  name: "event-before-connect",
  what: "an acked event before any CONNECT",
  expect: "no ack; the session closed (Node) or the packet ignored",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.sio);
    await ws.send(P(ctx, 1, "x"));
    await raw.sleep(400);
    const acked = ws.texts().some((t) => t.startsWith("431["));
    return verdict(!acked, acked ? "acked before CONNECT" : ws.conn.closed ? "closed" : "ignored");
  },
});
add({
  name: "no-connect-timeout",
  what: "a Socket.IO session that never sends CONNECT",
  expect: "closed after connectTimeout (1 s on the fixture) + 1 s",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.sio);
    const c = await ws.waitClosed(2500);
    return verdict(c.any, c.any ? "closed" : "still open after 2.5 s");
  },
});

// ---- malformed packets on a connected socket ----
packet("event-not-array", "42{\"a\":1}", "the session closed (invalid payload); no handler runs", () => ['42{"a":1}'], ["closed"]);
packet("event-empty-array", "42[]", "the session closed (invalid payload) or ignored", () => ["42[]"], ["closed", "alive"]);
packet("event-name-object", "42[{\"a\":1},\"x\"]", "the session closed (invalid payload) or ignored", () => ['42[{"a":1},"x"]'], ["closed", "alive"]);
packet("event-name-number", "42[1,\"x\"]", "ignored or closed; the server stays up", () => ['42[1,"x"]'], ["closed", "alive"]);
packet("event-truncated-json", "an event whose JSON is cut off", "the session closed (parse error)", (c) => [P(c, 5, "x").slice(0, -3)], ["closed"], { noAck: true });
packet("packet-type-7", "a Socket.IO packet of type 7", "the session closed (unknown packet type)", () => ["47[]"], ["closed"]);
packet("packet-type-letter", "a Socket.IO packet of type 'a'", "the session closed (unknown packet type)", () => ["4a[]"], ["closed"]);
packet("packet-empty", "an Engine.IO message with an empty Socket.IO packet ('4')", "the session closed (parse error)", () => ["4"], ["closed"]);
packet("namespace-no-comma", "42/custom[\"x\"] (namespace without its comma)", "the session closed (parse error) or ignored", () => ['42/custom["message-with-ack"]'], ["closed", "alive"]);
packet("event-to-unjoined-namespace", "an acked event to /custom without a CONNECT to it", "no ack; ignored or closed", (c) => [`42/custom,1${JSON.stringify(c.probe)}`], ["closed", "alive"], { noAck: true });
packet("disconnect-unknown-namespace", "41/nope,", "ignored (the '/' socket keeps working) or the session closed (Node: invalid state)", () => ["41/nope,"], ["alive", "closed"]);
packet("disconnect-with-payload", "41{\"a\":1}", "the session closed (invalid payload) or the socket disconnected; never a 5xx", () => ['41{"a":1}'], ["closed", "alive", "dead"]);
packet("ack-unknown-id", "43999[\"x\"] (an ack the server never asked for)", "ignored", () => ['43999["x"]'], ["alive"]);
packet("ack-unknown-namespace", "43/nope,1[]", "ignored or closed", () => ["43/nope,1[]"], ["alive", "closed"]);
packet("ack-not-array", "431{\"a\":1}", "the session closed (invalid payload) or ignored", () => ['431{"a":1}'], ["closed", "alive"]);
add({
  name: "disconnect-then-event",
  what: "41 (DISCONNECT '/'), then an acked event on '/'",
  expect: "no ack: the socket is gone",
  run: async (ctx) => {
    const ws = await session(ctx);
    await ws.send("41");
    await raw.sleep(100);
    const from = ws.texts().length;
    await ws.send(P(ctx, 7, "x"));
    await raw.sleep(600);
    const acked = ws.texts().slice(from).some((t) => t.startsWith("437["));
    return verdict(!acked, acked ? "acked after DISCONNECT" : ws.conn.closed ? "closed" : "no ack");
  },
});

// ---- reserved event names ----
for (const name of ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]) {
  add({
    name: `reserved-event-${name}`,
    what: `42["${name}", ...] from the client`,
    expect: "the session closed (invalid payload, as Node) or the event ignored; the server's own handler of that name never runs (demo: no 'left' broadcast)",
    run: async (ctx) => {
      let watcher = null;
      const ws = await session(ctx);
      if (ctx.profile === "demo") {
        watcher = await session(ctx);
        await eio.sioAck(watcher, 1, ["join", { room: "reserved-" + name, nickname: "watcher" }]);
        await eio.sioAck(ws, 1, ["join", { room: "reserved-" + name, nickname: "victim" }]);
      }
      const from = watcher ? watcher.texts().length : 0;
      await ws.send(`42${JSON.stringify([name, "spoofed"])}`);
      await raw.sleep(400);
      const c = await ws.waitClosed(100);
      const spoof = watcher && !c.any && watcher.texts().slice(from).some((t) => /left/.test(t));
      const state = c.any ? "closed" : (await alive(ctx, ws)) ? "ignored" : "open but dead";
      return verdict(!spoof && state !== "open but dead", state + (spoof ? "; the 'disconnect' handler ran while the socket stayed" : ""));
    },
  });
}

// ---- ack ids ----
for (const [n, id, want] of [
  ["2pow31", "2147483648", "2147483648"],
  ["2pow32", "4294967296", "4294967296"],
  ["2pow53", "9007199254740993", null],
  ["20-digits", "99999999999999999999", null],
  ["leading-zeros", "007", "7|007"],
]) {
  add({
    name: `ack-id-${n}`,
    what: `an acked event with ack id ${id}`,
    expect: want ? `an ack with id ${want} (or the session closed as out of range); never a changed id` : "the session closed (id out of range) or an ack with the very same digits; never a changed id (Node answers 1e+21-style ids)",
    run: async (ctx) => {
      const ws = await session(ctx);
      const from = ws.texts().length;
      await ws.send(P(ctx, id, "x").replace(/^42/, "42").replace(`42${id}`, `42${id}`));
      await raw.sleep(500);
      const acks = ws.texts().slice(from).filter((t) => t.startsWith("43"));
      const c = await ws.waitClosed(100);
      const ids = acks.map((a) => a.slice(2, a.indexOf("[")));
      const allowed = want ? want.split("|") : [id];
      const ok = acks.length ? ids.every((x) => allowed.includes(x)) : c.any;
      return verdict(ok, acks.length ? `ack id ${ids.join(",")}` : c.any ? "closed" : "no ack, still open");
    },
  });
}
packet("ack-id-negative", "42-1[...] (a negative ack id)", "the session closed (parse error) or no ack; never an ack with id -1", (c) => [`42-1${JSON.stringify([c.probe[0], "x"])}`], ["closed", "alive"], { noAck: true });
packet("ack-id-duplicate", "two acked events with the same id 5", "both acked (ids are the client's business) or the second ignored; the server stays up", (c) => [P(c, 5, "a"), P(c, 5, "b")], ["alive"]);
add({
  name: "ack-flood-5000",
  what: "5000 acked events in one burst",
  expect: "5000 acks in order (or the session closed as abusive); the bystanders unaffected",
  ms: 30000,
  run: async (ctx) => {
    const ws = await session(ctx);
    const frames = Buffer.concat(Array.from({ length: 5000 }, (_, i) => raw.frame(1, P(ctx, i + 1, "f" + i))));
    await ws.conn.write(frames);
    await ws.until((w) => w.texts().filter((t) => t.startsWith("43")).length >= 5000, 15000);
    const ids = ws.texts().filter((t) => t.startsWith("43")).map((t) => Number(t.slice(2, t.indexOf("["))));
    const inOrder = ids.every((x, i) => x === i + 1);
    return verdict((ids.length === 5000 && inOrder) || ws.conn.closed, `${ids.length} acks${inOrder ? "" : " out of order"}${ws.conn.closed ? ", closed" : ""}`);
  },
});

// ---- binary attachments ----
const BE = (c, n, id, ...args) => `45${n}-${id === null ? "" : id}${JSON.stringify([c.probe[0], ...args])}`;
packet("binary-attachment-never-sent", "451-[event, placeholder 0] and no binary frame", "nothing delivered (no ack); the session goes on or closes, the server stays up", (c) => [BE(c, 1, 11, ph(0))], ["alive", "closed", "dead"], { noAck: true, profiles: ["fixture"] });
packet("binary-then-text", "451-[...], then a text event before the attachment", "the session closed (Node: plaintext while reconstructing); the half packet never delivered", (c) => [BE(c, 1, 12, ph(0)), P(c, 13, "x")], ["closed", "alive"], { noAck: false, profiles: ["fixture"] });
packet("placeholder-out-of-range", "451-[event, placeholder num 5] + one attachment", "the session closed (illegal attachments); no ack", (c) => [BE(c, 1, 14, ph(5)), Buffer.from([1])], ["closed"], { noAck: true, profiles: ["fixture"] });
packet("placeholder-negative", "placeholder num -1", "the session closed; no ack", (c) => [BE(c, 1, 15, ph(-1)), Buffer.from([1])], ["closed"], { noAck: true, profiles: ["fixture"] });
packet("placeholder-string-num", "placeholder num \"0\"", "the session closed; no ack", (c) => [BE(c, 1, 16, ph("0")), Buffer.from([1])], ["closed"], { noAck: true, profiles: ["fixture"] });
packet("placeholder-float-num", "placeholder num 0.5", "the session closed; no ack", (c) => [BE(c, 1, 17, ph(0.5)), Buffer.from([1])], ["closed"], { noAck: true, profiles: ["fixture"] });
packet("attachments-count-mismatch", "452-[event, ph 0, ph 1], one attachment, then a text event", "the session closed; no ack", (c) => [BE(c, 2, 18, ph(0), ph(1)), Buffer.from([1]), P(c, 19, "x")], ["closed"], { noAck: true, profiles: ["fixture"] });
packet("attachments-zero", "450-[event, 'x'] (a binary event with 0 attachments)", "acked as a plain event or the session closed", (c) => [BE(c, 0, 20, "x")], ["alive", "closed"], { profiles: ["fixture"] });
packet("attachments-huge-count", "452147483647-[...] (2^31-1 attachments announced)", "the session closed (count over a bound) or waiting without allocating; no ack", (c) => [BE(c, 2147483647, 21, ph(0)), Buffer.from([1]), Buffer.from([2])], ["closed", "alive", "dead"], { noAck: true, profiles: ["fixture"] });
packet("binary-frame-unexpected", "a binary WebSocket frame with no binary packet pending", "the session closed (Node) or ignored; no crash", () => [Buffer.from([1, 2, 3])], ["closed", "alive"]);
packet("attachments-more-than-announced", "451-[event, ph 0] then two binary frames", "the event acked once; the extra frame ignored or the session closed", (c) => [BE(c, 1, 22, ph(0)), Buffer.from([1]), Buffer.from([2])], ["closed", "alive"], { profiles: ["fixture"] });
add({
  name: "binary-roundtrip",
  what: "451-[\"message-with-ack\", ph 0] + attachment 01 02 03",
  expect: "an ack 461-[…placeholder 0] followed by the same bytes",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await session(ctx);
    await ws.send(BE(ctx, 1, 23, ph(0)));
    await ws.sendBinary(Buffer.from([1, 2, 3]));
    await ws.until((w) => w.frames.some((f) => f.opcode === 2), 2000);
    const head = ws.texts().find((t) => t.startsWith("461-23["));
    const bin = ws.frames.find((f) => f.opcode === 2);
    return verdict(head && bin && bin.payload.equals(Buffer.from([1, 2, 3])), `${head || "no 461 ack"} ${bin ? bin.payload.toString("hex") : ""}`);
  },
});

// ---- big and deep JSON ----
for (const depth of [1000, 10000, 100000]) {
  packet(`json-depth-${depth}`, `an event whose argument nests arrays ${depth} deep`, "an ack (echo) or the session closed (nesting limit); the server stays up", (c) => [`4231${JSON.stringify([c.probe[0]]).slice(0, -1)},${"[".repeat(depth)}${"]".repeat(depth)}]`], ["alive", "closed"], { wait: 800 });
}
packet("json-object-depth-50000", "an argument of objects nested 50 000 deep", "an ack or the session closed; the server stays up", (c) => [`4232${JSON.stringify([c.probe[0]]).slice(0, -1)},${'{"a":'.repeat(50000)}1${"}".repeat(50000)}]`], ["alive", "closed"], { wait: 800 });
packet("json-number-500k-digits", "an argument that is a 500 000-digit number", "an ack or the session closed (number limit); the server stays up, fast", (c) => [`4233${JSON.stringify([c.probe[0]]).slice(0, -1)},${"9".repeat(500000)}]`], ["alive", "closed"], { wait: 800 });
packet("json-exponent-huge", "an argument 1e999999999", "an ack or the session closed; the server stays up", (c) => [`4234${JSON.stringify([c.probe[0]]).slice(0, -1)},1e999999999]`], ["alive", "closed"]);
packet("json-string-900k", "an argument that is a 900 KB string", "acked", (c) => [P(c, 35, "s".repeat(900000))], ["alive"], { wait: 800, profiles: ["fixture"] });
packet("json-100k-args", "an event with 100 000 arguments", "an ack or the session closed; the server stays up", (c) => [`4236${JSON.stringify([c.probe[0], ...Array(100000).fill(0)])}`], ["alive", "closed"], { wait: 800 });
packet("json-event-name-500k", "an event whose name is 500 KB", "ignored or closed; the server stays up", () => [`4237${JSON.stringify(["e".repeat(500000)])}`], ["alive", "closed"], { noAck: true });
packet("json-proto-key", "an argument {\"__proto__\":{\"x\":1},\"constructor\":{}}", "acked like any object", (c) => [`4238${JSON.stringify([c.probe[0]]).slice(0, -1)},{"__proto__":{"x":1},"constructor":{"prototype":{}}}]`], ["alive"]);
packet("json-lone-surrogate", "an argument with a lone surrogate \\ud800", "acked (or closed); never a crash", (c) => [`4239${JSON.stringify([c.probe[0]]).slice(0, -1)},"\\ud800"]`], ["alive", "closed"]);
packet("json-duplicate-keys", "an argument {\"a\":1,\"a\":2}", "acked or closed; never a 5xx or a crash", (c) => [`4240${JSON.stringify([c.probe[0]]).slice(0, -1)},{"a":1,"a":2}]`], ["alive", "closed"]);
packet("json-trailing-garbage", "42[\"x\"]garbage", "the session closed (parse error)", (c) => [`4241${JSON.stringify([c.probe[0], "x"])}garbage`], ["closed"], { noAck: true });
packet("json-nan-literal", "an argument NaN (not JSON)", "the session closed (parse error)", (c) => [`4242${JSON.stringify([c.probe[0]]).slice(0, -1)},NaN]`], ["closed"], { noAck: true });
packet("json-comment", "an argument with a /* comment */ (not JSON)", "the session closed (parse error)", (c) => [`4243${JSON.stringify([c.probe[0]]).slice(0, -1)},/*c*/1]`], ["closed"], { noAck: true });
packet("json-single-quotes", "an argument 'x' in single quotes (not JSON)", "the session closed (parse error)", (c) => [`4244${JSON.stringify([c.probe[0]]).slice(0, -1)},'x']`], ["closed"], { noAck: true });
packet("engine-close-packet", "an Engine.IO close packet ('1') on a connected WebSocket session", "the session closed (spec: the transport can be closed), or ignored as Node does over WebSocket", () => ["1"], ["closed", "alive"]);

packet("connect-binary-auth", "a CONNECT whose auth is a placeholder {\"_placeholder\":true,\"num\":0}", "ignored for '/' (already connected), closed, or 44; never a crash", () => ['40/custom,{"_placeholder":true,"num":0}'], ["alive", "closed"], { profiles: ["fixture"] });
packet("binary-connect-type", "a BINARY_EVENT to a namespace not connected (45 on /custom)", "ignored or closed; no ack", () => ['451-/custom,1["x",{"_placeholder":true,"num":0}]', Buffer.from([1])], ["alive", "closed"], { noAck: true, profiles: ["fixture"] });
add({
  name: "sio-over-polling",
  what: "CONNECT and an acked event by POST, the answers read by GET",
  expect: "40{sid} and the ack 431[...] arrive over polling",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.sio);
    await eio.post(ctx.t, ctx.sio, hs.sid, "40");
    await eio.post(ctx.t, ctx.sio, hs.sid, '421["message-with-ack","p"]');
    let text = "";
    for (let i = 0; i < 4 && !/431\[/.test(text); i++) {
      const g = await eio.poll(ctx.t, ctx.sio, hs.sid, { ms: 1000 });
      text += (g.text || "") + eio.RS;
      if ((g.text || "").split(eio.RS).includes("2")) await eio.post(ctx.t, ctx.sio, hs.sid, "3");
    }
    return verdict(/40\{/.test(text) && /431\["p"\]/.test(text), JSON.stringify(text.slice(0, 80)));
  },
});
add({
  name: "demo-join-huge-room",
  what: "demo: join with a 500 KB room name and nickname",
  expect: "the names bounded (the ack carries at most 32 characters) or the event ignored; the server stays up",
  profiles: ["demo"],
  run: async (ctx) => {
    const ws = await session(ctx);
    const ack = await eio.sioAck(ws, 5, ["join", { room: "r".repeat(500000), nickname: "n".repeat(500000) }], 3000);
    return verdict(!ack || ack.length < 2000, ack ? `ack of ${ack.length} chars` : ws.conn.closed ? "closed" : "no ack");
  },
});
add({
  name: "demo-message-not-string",
  what: "demo: message with an object, a number and null instead of text",
  expect: "ignored (no broadcast, no ack with garbage) or closed; the server stays up",
  profiles: ["demo"],
  run: async (ctx) => {
    const ws = await session(ctx);
    await eio.sioAck(ws, 5, ["join", { room: "odd", nickname: "odd" }]);
    for (const [i, v] of [[6, { a: 1 }], [7, 12], [8, null], [9, ["x"]]]) await ws.send(`42${i}${JSON.stringify(["message", v])}`);
    await raw.sleep(400);
    return verdict(await alive(ctx, ws), `${ws.texts().filter((t) => /^43[6-9]\[/.test(t)).length} acks`);
  },
});
add({
  name: "demo-image-not-binary",
  what: "demo: image with a 2 MB base64 string instead of bytes, and with a wrong mime",
  expect: "ignored (the handler checks its arguments); the server stays up",
  profiles: ["demo"],
  run: async (ctx) => {
    const ws = await session(ctx);
    await eio.sioAck(ws, 5, ["join", { room: "img", nickname: "img" }]);
    await ws.send(`426${JSON.stringify(["image", "image/png", "A".repeat(2000000)])}`);
    await ws.send(`427${JSON.stringify(["image", "text/html", "<script>"])}`);
    await raw.sleep(500);
    return verdict(await alive(ctx, ws), "sent");
  },
});

add({
  name: "connect-disconnect-churn",
  what: "500 CONNECT/DISCONNECT pairs of /custom on one session",
  expect: "no socket left per cycle (the socket count does not grow while the session is open), or the session closed (Node: a DISCONNECT that overtakes its CONNECT is an invalid state)",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await session(ctx);
    await raw.sleep(100);
    const before = await ctx.stats();
    const frames = [];
    for (let i = 0; i < 500; i++) frames.push(raw.frame(1, "40/custom,"), raw.frame(1, "41/custom,"));
    await ws.conn.write(Buffer.concat(frames));
    await raw.sleep(800);
    const after = await ctx.stats();
    const grew = before && after && after.sockets !== undefined ? after.sockets - before.sockets : 0;
    const works = await alive(ctx, ws);
    const ok = (works && grew <= 0) || ws.conn.closed || ws.conn.ended;
    return verdict(ok, `${ws.texts().filter((t) => t.startsWith("40/custom,")).length} CONNECT answers; sockets ${before && before.sockets !== undefined ? before.sockets + " -> " + after.sockets : "n/a"} while the session is open`);
  },
});

add({
  name: "demo-typed-args-flood",
  what: "demo: 5000 'join' events whose argument is a string (the handler is typed: {room, nickname})",
  expect: "each dropped cheaply (no stack trace logged per event: a client must not be able to flood the log) or the client disconnected; the bystanders unaffected",
  profiles: ["demo"],
  ms: 30000,
  run: async (ctx) => {
    const ws = await session(ctx);
    const frames = Buffer.concat(Array.from({ length: 5000 }, (_, i) => raw.frame(1, `42${i + 1}${JSON.stringify(["join", "x" + i])}`)));
    await ws.conn.write(frames);
    await raw.sleep(1500);
    const works = await alive(ctx, ws);
    return verdict(true, `${ws.texts().filter((t) => /^43\d+\[/.test(t) && !/^439\d{5}\[/.test(t)).length} acks; ${works ? "socket works" : ws.conn.closed ? "closed" : "deaf"}`);
  },
});

add({
  name: "binary-event-over-polling",
  what: "451-[\"message-with-ack\", ph 0] and its attachment as 'bAQID' in one polling POST",
  expect: "the ack 461-[ph 0] and 'bAQID' (01 02 03) come back over polling",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.sio);
    await eio.post(ctx.t, ctx.sio, hs.sid, "40");
    await eio.post(ctx.t, ctx.sio, hs.sid, '451-5["message-with-ack",{"_placeholder":true,"num":0}]' + eio.RS + "bAQID");
    let text = "";
    for (let i = 0; i < 4 && !/bAQID/.test(text); i++) {
      const g = await eio.poll(ctx.t, ctx.sio, hs.sid, { ms: 1000 });
      text += (g.text || "") + eio.RS;
      if ((g.text || "").split(eio.RS).includes("2")) await eio.post(ctx.t, ctx.sio, hs.sid, "3");
    }
    return verdict(/461-5\[/.test(text) && /bAQID/.test(text), JSON.stringify(text.slice(0, 100)));
  },
});
packet("connect-recovery-fields", "a second-namespace CONNECT with {pid, offset} while recovery is off", "connected normally (the fields ignored) or 44; never a crash", () => ['40/custom,{"pid":"xxxxxxxx","offset":"yyyy"}'], ["alive", "closed"], { profiles: ["fixture"] });

module.exports = CASES;
