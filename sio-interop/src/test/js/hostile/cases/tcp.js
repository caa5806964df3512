// TCP-level cases: half-closes, resets, idle and flooding connections, non-HTTP bytes.
"use strict";

const crypto = require("node:crypto");
const raw = require("../lib/raw");
const eio = require("../lib/eio");
const { describe, refused, verdict } = require("./check");

const HS = (ctx) => `GET ${eio.q(ctx.sio)} HTTP/1.1\r\nHost: ${ctx.t.hostHeader}\r\n\r\n`;

/** Opens n connections (in batches) and runs fn(conn, i) on each; returns the conns. */
async function many(ctx, n, fn) {
  const conns = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, (_, j) => raw.connect(ctx.t).then(async (c) => (fn ? (await fn(c, i + j), c) : c))),
    );
    conns.push(...batch);
  }
  return conns;
}

module.exports = [
  {
    name: "connect-close",
    what: "connect and close at once, 100 times",
    expect: "nothing happens; the server stays up",
    run: async (ctx) => {
      const conns = await many(ctx, 100);
      for (const c of conns) c.destroy();
      return verdict(true, "100 connections opened and closed");
    },
  },
  {
    name: "connect-rst",
    what: "connect and reset (RST) at once, 100 times",
    expect: "nothing happens; the server stays up",
    run: async (ctx) => {
      const conns = await many(ctx, 100);
      for (const c of conns) c.rst();
      return verdict(true, "100 connections reset");
    },
  },
  {
    name: "half-close-empty",
    what: "connect and send FIN without a byte",
    expect: "the server closes its side within 5 s",
    run: async (ctx) => {
      const c = await raw.connect(ctx.t);
      c.end();
      const closed = await c.waitClose(5000);
      return verdict(closed, closed ? "closed" : "still open after 5 s");
    },
  },
  {
    name: "half-close-mid-headers",
    what: "send half a request line, then FIN",
    expect: "no answer but 400 or a close within 5 s; no session created",
    run: async (ctx) => {
      const c = await raw.connect(ctx.t);
      await c.write(`GET ${ctx.sio}?EIO=4&transp`);
      c.end();
      const closed = await c.waitClose(5000);
      const res = raw.parseResponses(c.data)[0];
      return verdict(closed && (!res || res.status === 400), `${res ? res.status : "no answer"}, ${closed ? "closed" : "open after 5 s"}`);
    },
  },
  {
    name: "half-close-after-request",
    what: "send a complete handshake request, then FIN at once",
    expect: "the answer still comes (a half-closed client may read), then the server closes",
    run: async (ctx) => {
      const c = await raw.connect(ctx.t);
      await c.write(HS(ctx));
      c.end();
      await c.waitClose(5000);
      const res = raw.parseResponses(c.data)[0];
      const closed = c.closed || c.ended;
      return verdict(closed && res && (res.status === 200 || res.status === 400), `${res ? res.status : "no answer"}, ${closed ? "closed" : "open"}`);
    },
  },
  {
    name: "rst-mid-headers",
    what: "send half of the headers, then RST",
    expect: "nothing else happens",
    run: async (ctx) => {
      const c = await raw.connect(ctx.t);
      await c.write(`GET ${eio.q(ctx.sio)} HTTP/1.1\r\nHost: x\r\nX-A: `);
      await raw.sleep(50);
      c.rst();
      return verdict(true, "reset");
    },
  },
  {
    name: "rst-mid-body",
    what: "POST to a session with Content-Length 100, send 10 bytes, RST",
    expect: "nothing delivered; the session is closed (clients back to baseline)",
    run: async (ctx) => {
      const hs = await eio.handshake(ctx.t, ctx.engine);
      const c = await raw.connect(ctx.t);
      await c.write(`POST ${eio.q(ctx.engine, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n4hello\x1e4ab`);
      await raw.sleep(100);
      c.rst();
      const gone = await eio.pollingGone(ctx.t, ctx.engine, hs.sid, 3000);
      return verdict(true, gone ? "session closed" : "session still open (left to the heartbeat)");
    },
  },
  {
    name: "rst-during-long-poll",
    what: "hold a long-poll GET, then RST it",
    expect: "the session is closed (or times out by heartbeat); nothing else breaks",
    run: async (ctx) => {
      const hs = await eio.handshake(ctx.t, ctx.engine);
      const c = await raw.connect(ctx.t);
      await c.write(`GET ${eio.q(ctx.engine, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\n\r\n`);
      await raw.sleep(100);
      c.rst();
      return verdict(true, "reset");
    },
  },
  {
    name: "rst-after-upgrade-request",
    what: "send a WebSocket upgrade request and RST before the answer is read",
    expect: "nothing else happens; no session is left behind",
    run: async (ctx) => {
      const c = await raw.connect(ctx.t);
      const key = crypto.randomBytes(16).toString("base64");
      await c.write(
        `GET ${eio.q(ctx.sio, { transport: "websocket" })} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      c.rst();
      return verdict(true, "reset");
    },
  },
  {
    name: "idle-300",
    what: "open 300 idle connections and hold them 2 s",
    expect: "the bystanders are unaffected; after close, back to baseline",
    run: async (ctx) => {
      const conns = await many(ctx, 300);
      await raw.sleep(2000);
      const closedByServer = conns.filter((c) => c.closed || c.ended).length;
      for (const c of conns) c.destroy();
      return verdict(true, `300 idle connections held 2 s (${closedByServer} closed by the server)`);
    },
  },
  {
    name: "handshake-flood-300",
    what: "300 connections each sending a polling handshake at once",
    expect: "every one answered 200 (or refused with 503/429); sessions expire by heartbeat",
    ms: 30000,
    run: async (ctx) => {
      const conns = await many(ctx, 300, (c) => c.write(HS(ctx)));
      await Promise.all(conns.map((c) => c.until(raw.responses(1), 8000)));
      const statuses = {};
      for (const c of conns) {
        const r = raw.parseResponses(c.data)[0];
        const k = r ? r.status : c.closed ? "closed" : "none";
        statuses[k] = (statuses[k] || 0) + 1;
      }
      for (const c of conns) c.destroy();
      const ok = Object.keys(statuses).every((k) => k === "200" || k === "503" || k === "429");
      return verdict(ok, JSON.stringify(statuses));
    },
  },
  {
    name: "ws-flood-200",
    what: "200 WebSocket Engine.IO sessions opened at once, then dropped by TCP close",
    expect: "all open; all gone from the client count at once after the close",
    ms: 30000,
    run: async (ctx) => {
      const wss = [];
      for (let i = 0; i < 200; i += 50) {
        wss.push(...(await Promise.all(Array.from({ length: Math.min(50, 200 - i) }, () => eio.wsSession(ctx.t, ctx.engine)))));
      }
      const opened = wss.filter((w) => w.sid).length;
      for (const w of wss) w.conn.destroy();
      return verdict(opened === 200, `${opened}/200 opened`);
    },
  },
  {
    name: "garbage-4k",
    what: "send 4 KiB of random bytes",
    expect: "400 or a close within 3 s",
    run: async (ctx) => {
      const r = await raw.rawRequest(ctx.t, crypto.randomBytes(4096), { ms: 3000 });
      return verdict(refused({ res: r.res[0], closed: r.closed }), describe({ res: r.res[0], closed: r.closed }));
    },
  },
  {
    name: "nul-bytes",
    what: "send 1 KiB of NUL bytes",
    expect: "400 or a close within 3 s",
    run: async (ctx) => {
      const r = await raw.rawRequest(ctx.t, Buffer.alloc(1024), { ms: 3000 });
      return verdict(refused({ res: r.res[0], closed: r.closed }), describe({ res: r.res[0], closed: r.closed }));
    },
  },
  {
    name: "tls-client-hello",
    what: "send a TLS ClientHello to the plain-text port",
    expect: "400 or a close within 3 s",
    run: async (ctx) => {
      const hello = Buffer.from(
        "16030100a5010000a10303" + "00".repeat(32) + "00" + "0020" + "c02bc02fc02cc030cca9cca8c013c014009c009d002f0035000a" + "0100" + "0058" + "00".repeat(88),
        "hex",
      );
      const r = await raw.rawRequest(ctx.t, hello, { ms: 3000 });
      return verdict(refused({ res: r.res[0], closed: r.closed }), describe({ res: r.res[0], closed: r.closed }));
    },
  },
  {
    name: "http2-preface",
    what: "send the HTTP/2 connection preface (prior knowledge h2c)",
    expect: "a 4xx/505 or a close within 3 s",
    run: async (ctx) => {
      const r = await raw.rawRequest(ctx.t, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + "\x00\x00\x00\x04\x00\x00\x00\x00\x00", { ms: 3000 });
      const res = r.res[0];
      return verdict((res && (res.status === 505 || (res.status >= 400 && res.status < 500))) || (!res && r.closed), describe({ res, closed: r.closed }));
    },
  },
  {
    name: "keepalive-then-garbage",
    what: "a valid handshake, then garbage on the same connection",
    expect: "200 for the first request, then 400 or a close",
    run: async (ctx) => {
      const r = await raw.rawRequest(ctx.t, HS(ctx) + "\x16\x03\x01garbage garbage\r\n\r\n", { n: 2, ms: 3000 });
      const [a, b] = r.res;
      const ok = a && a.status === 200 && ((b && b.status === 400) || (!b && r.closed));
      return verdict(ok, `${a ? a.status : "none"} then ${b ? b.status : r.closed ? "closed" : "nothing"}`);
    },
  },
];
