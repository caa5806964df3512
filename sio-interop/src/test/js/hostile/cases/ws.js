// WebSocket (RFC 6455) cases on an Engine.IO WebSocket session: the handshake, frame framing,
// control frames, UTF-8, fragmentation, sizes. A protocol error must end in a close frame with
// the RFC's code (1002 protocol error, 1007 invalid data, 1009 too big) or a TCP close.
"use strict";

const raw = require("../lib/raw");
const eio = require("../lib/eio");
const { describe, verdict } = require("./check");

const CASES = [];

/** A case that opens a session, runs act(ws, ctx), then expects a close with one of codes. */
function closes(name, what, codes, act, extra = {}) {
  CASES.push({
    name,
    what,
    expect: `the server closes the WebSocket within 3 s${codes.length ? " with " + codes.join(" or ") : ""}`,
    ...extra,
    run: async (ctx) => {
      const ws = await eio.wsSession(ctx.t, ctx.engine);
      if (!ws.sid) return verdict(false, "no session: " + describe({ res: ws.res }));
      await act(ws, ctx);
      const c = await ws.waitClosed(3000);
      const ok = c.any;
      // a bare TCP close (no close frame) is accepted only where no code is required (or lenient)
      const strict = codes.length === 0 ? c.any : c.code !== null && codes.includes(c.code);
      return verdict(extra.lenient ? ok : strict, c.frame ? `close ${c.code} '${c.frame.reason}'` : c.tcp ? "TCP close without a close frame" : "still open after 3 s");
    },
  });
}

/** The handshake cases: a bad upgrade request gets a 4xx and no session. */
function refusedUpgrade(name, what, opts, extra = {}) {
  CASES.push({
    name,
    what,
    expect: "a 4xx answer (400/426), no 101, no session" + (extra.after101 ? " (or 101 then a close with no open packet)" : ""),
    run: async (ctx) => {
      const ws = await raw.wsOpen(ctx.t, extra.path ? extra.path(ctx) : eio.q(ctx.engine, { transport: "websocket" }), opts(ctx));
      const st = ws.res ? ws.res.status : null;
      let ok = !ws.ok && (st === null ? ws.conn.closed || ws.conn.ended : st >= 400 && st < 500);
      let obs = ws.ok ? "101 Switching Protocols" : describe({ res: ws.res, closed: ws.conn.closed });
      if (ws.ok && extra.after101) {
        const c = await ws.waitClosed(1000);
        const opened = ws.texts().some((t) => t.startsWith("0{"));
        ok = c.any && !opened;
        obs += opened ? " and an open packet" : c.any ? " then closed" : " and held open";
      }
      return verdict(ok, obs);
    },
    ...extra,
  });
}

refusedUpgrade("upgrade-version-12", "Sec-WebSocket-Version: 12 (neither 13 nor the draft 8)", () => ({ headers: { "Sec-WebSocket-Version": "12" } }));
refusedUpgrade("upgrade-version-missing", "no Sec-WebSocket-Version", () => ({ headers: { "Sec-WebSocket-Version": null } }));
refusedUpgrade("upgrade-post", "the upgrade request as a POST", () => ({}), {
  run: async (ctx) => {
    const r = await raw.rawRequest(
      ctx.t,
      `POST ${eio.q(ctx.engine, { transport: "websocket" })} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n`,
    );
    const res = r.res[0];
    return verdict(res ? res.status >= 400 && res.status < 500 : r.closed, describe({ res, closed: r.closed }));
  },
});
refusedUpgrade("upgrade-http10", "the upgrade request in HTTP/1.0", () => ({ version: "1.0" }));
refusedUpgrade("upgrade-no-connection-header", "Upgrade: websocket without Connection: Upgrade", () => ({ headers: { Connection: "keep-alive" } }));
refusedUpgrade("upgrade-unknown-path", "an upgrade to /nowhere/", () => ({}), { path: () => "/nowhere/?EIO=4&transport=websocket" });
refusedUpgrade("upgrade-transport-polling", "an upgrade request with transport=polling", () => ({}), { path: (c) => eio.q(c.engine, { transport: "polling" }), listed: "RFC 6455 not enforced (transport=polling upgrade)" });
refusedUpgrade("upgrade-unknown-sid", "an upgrade with a sid nobody has", () => ({}), { path: (c) => eio.q(c.engine, { transport: "websocket", sid: "AAAAAAAAAAAAAAAAAAAA" }) });
refusedUpgrade("upgrade-bad-eio", "an upgrade with EIO=5", () => ({}), { path: (c) => eio.q(c.engine, { transport: "websocket", EIO: "5" }), after101: true });
CASES.push({
  name: "upgrade-mixed-case",
  what: "Upgrade: WebSocket, Connection: keep-alive, UPGRADE (legal variants)",
  expect: "101 and an open packet (header tokens are case-insensitive lists)",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine, {}, { headers: { Upgrade: "WebSocket", Connection: "keep-alive, UPGRADE" } });
    return verdict(ws.ok && !!ws.sid, ws.ok ? (ws.sid ? "101 + open" : "101, no open packet") : describe({ res: ws.res }));
  },
});
CASES.push({
  name: "upgrade-bogus-extension",
  what: "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99; x=1",
  expect: "101 without a broken extension answer, or a 400; never a 5xx",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine, {}, { headers: { "Sec-WebSocket-Extensions": "permessage-deflate; server_max_window_bits=99; x=1, foo;;;" } });
    const ext = ws.res && ws.res.headers["sec-websocket-extensions"];
    const ok = ws.ok ? !ext || !/=99/.test(ext) : ws.res && ws.res.status >= 400 && ws.res.status < 500;
    return verdict(ok, ws.ok ? `101 ext=${ext || "none"}` : describe({ res: ws.res }));
  },
});
CASES.push({
  name: "upgrade-with-early-frames",
  what: "the first frame (a message) sent in the same write as the upgrade request",
  expect: "101, the open packet, and the message echoed (bytes after the request belong to the WebSocket)",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await raw.wsOpen(ctx.t, eio.q(ctx.eio, { transport: "websocket" }), { extraBytes: raw.frame(1, "4early") });
    if (!ws.ok) return verdict(false, describe({ res: ws.res }));
    const echo = await ws.waitText("4early", 2000);
    return verdict(!!echo, echo ? "echoed" : "not echoed: " + JSON.stringify(ws.texts()));
  },
});

// ---- frames ----
closes("text-invalid-utf8", "a text frame whose payload is not UTF-8 ('4' + 0xC3 0x28)", [1007], (ws) => ws.sendFrame(1, Buffer.from([0x34, 0xc3, 0x28])));
closes("text-invalid-utf8-fragmented", "invalid UTF-8 split across two fragments", [1007], async (ws) => {
  await ws.sendFrame(1, Buffer.from([0x34, 0xe2, 0x82]), { fin: false });
  await ws.sendFrame(0, Buffer.from([0x28]));
});
closes("text-overlong-utf8", "an overlong UTF-8 encoding of '/' (0xC0 0xAF)", [1007], (ws) => ws.sendFrame(1, Buffer.from([0x34, 0xc0, 0xaf])));
closes("text-surrogate-utf8", "an encoded UTF-16 surrogate (0xED 0xA0 0x80)", [1007], (ws) => ws.sendFrame(1, Buffer.from([0x34, 0xed, 0xa0, 0x80])));
closes("unmasked-client-frame", "a client frame without a mask", [1002], (ws) => ws.sendFrame(1, "4hello", { mask: false }));
closes("opcode-reserved-data", "a frame with the reserved opcode 0x3", [1002], (ws) => ws.sendFrame(3, "x"));
closes("opcode-reserved-control", "a frame with the reserved control opcode 0xB", [1002], (ws) => ws.sendFrame(0xb, "x"));
closes("continuation-first", "a continuation frame with no message started", [1002], (ws) => ws.sendFrame(0, "4x"));
closes("new-message-mid-fragment", "a text frame while a fragmented message is open", [1002], async (ws) => {
  await ws.sendFrame(1, "4par", { fin: false });
  await ws.sendFrame(1, "4new");
});
closes("control-fragmented", "a ping with FIN=0", [1002], (ws) => ws.sendFrame(9, "x", { fin: false }));
closes("control-too-long", "a ping with a 126-byte payload", [1002], (ws) => ws.sendFrame(9, Buffer.alloc(126)));
closes("close-1-byte", "a close frame with a 1-byte payload", [1002], (ws) => ws.sendFrame(8, Buffer.from([3])));
closes("length-64bit-msb", "a 64-bit length with the most significant bit set", [1002, 1009], (ws) => {
  const f = raw.frame(2, Buffer.alloc(0), { len: 70000, mask: true });
  f[2] = 0x80; // length becomes >= 2^63
  return ws.conn.write(f);
});
closes("length-2-pow-40", "a binary frame announcing 2^40 bytes", [1009], (ws) => ws.conn.write(raw.frame(2, Buffer.alloc(0), { len: 2 ** 40 })));
CASES.push({
  name: "length-non-minimal",
  what: "a 5-byte text frame whose length is encoded in 64 bits",
  expect: "a close 1002 (RFC 6455 5.2: the minimal encoding MUST be used) or the message taken as is; the server stays up",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    const head = Buffer.from([0x81, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
    await ws.conn.write(Buffer.concat([head, Buffer.from("4hell")]));
    const c = await ws.waitClosed(800);
    return verdict(true, c.any ? `closed ${c.code}` : "accepted");
  },
});
closes("message-over-max", "one text frame of maxPayload + 1 bytes", [1009], (ws, ctx) => ws.send("4" + "a".repeat(ctx.limits.maxPayload)));
closes("fragments-over-max", "200 fragments of maxPayload/100 bytes (never finished)", [1009], async (ws, ctx) => {
  const part = "a".repeat(Math.ceil(ctx.limits.maxPayload / 100));
  await ws.sendFrame(1, "4" + part, { fin: false });
  for (let i = 0; i < 200 && !ws.conn.closed; i++) await ws.sendFrame(0, part, { fin: false });
}, { listed: "RFC 6455 not enforced (fragmented over maxPayload)" });
closes("rsv1-without-extension", "a frame with RSV1 set and no extension", [1002], (ws) => ws.sendFrame(1, "4x", { rsv: 4 }), { listed: "RFC 6455 not enforced (RSV bits)" });
closes("close-code-1005", "a close frame carrying the reserved code 1005", [1002], (ws) => ws.sendFrame(8, Buffer.from([0x03, 0xed])), { listed: "RFC 6455 not enforced (bad close codes)" });

CASES.push({
  name: "client-ping-pong",
  what: "a WebSocket ping with a 10-byte payload",
  expect: "a pong with the same payload (RFC 6455 5.5.2)",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    await ws.sendFrame(9, "0123456789");
    await ws.until((w) => w.frames.some((f) => f.opcode === 10), 2000);
    const pong = ws.frames.find((f) => f.opcode === 10);
    return verdict(pong && pong.payload.toString() === "0123456789", pong ? `pong '${pong.payload}'` : "no pong");
  },
});
CASES.push({
  name: "ping-flood-1000",
  what: "1000 WebSocket pings in one write, reading every pong",
  expect: "the server stays up and the bystanders unaffected (pongs may be coalesced or the connection closed)",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    const one = raw.frame(9, "p");
    await ws.conn.write(Buffer.concat(Array.from({ length: 1000 }, () => one)));
    await ws.until((w) => w.frames.filter((f) => f.opcode === 10).length >= 1000, 3000);
    return verdict(true, `${ws.frames.filter((f) => f.opcode === 10).length} pongs${ws.conn.closed ? ", closed" : ""}`);
  },
});
CASES.push({
  name: "close-then-data",
  what: "a close frame (1000) followed by a text frame",
  expect: "a close answer; the later frame is not delivered (no echo)",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.eio);
    await ws.conn.write(Buffer.concat([raw.frame(8, Buffer.from([0x03, 0xe8])), raw.frame(1, "4after-close")]));
    const c = await ws.waitClosed(2000);
    await raw.sleep(200);
    const echoed = ws.texts().includes("4after-close");
    return verdict(c.any && !echoed, `${c.frame ? "close " + c.code : c.tcp ? "TCP close" : "open"}${echoed ? ", the later frame was delivered" : ""}`);
  },
});
CASES.push({
  name: "partial-frame-stall",
  what: "half of a frame header, then silence (answering nothing)",
  expect: "the session ends by the heartbeat: closed within pingInterval + pingTimeout + 1 s",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    ws.autoPong = false;
    await ws.conn.write(Buffer.from([0x81]));
    const c = await ws.waitClosed(ctx.limits.pingInterval + ctx.limits.pingTimeout + 1000);
    return verdict(c.any, c.any ? "closed" : "still open");
  },
  profiles: ["fixture"],
});
CASES.push({
  name: "tcp-close-no-close-frame",
  what: "an open WebSocket session dropped by TCP close without a close frame",
  expect: "the session is gone from the client count at once (no wait for the heartbeat)",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    ws.conn.destroy();
    return verdict(!!ws.sid, ws.sid ? "dropped" : "no session");
  },
});
CASES.push({
  name: "binary-frame-echo",
  what: "a binary WebSocket frame on the Engine.IO echo",
  expect: "echoed as a binary frame with the same bytes",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.eio);
    const bytes = Buffer.from([0, 1, 2, 255]);
    await ws.sendBinary(bytes);
    await ws.until((w) => w.frames.some((f) => f.opcode === 2), 2000);
    const f = ws.frames.find((x) => x.opcode === 2);
    return verdict(f && f.payload.equals(bytes), f ? `binary ${f.payload.toString("hex")}` : "no binary frame");
  },
});

CASES.push({
  name: "probe-with-upgrade-request",
  what: "an upgrade of a polling session whose '2probe' frame is in the same write as the request",
  expect: "101, then '3probe' (the bytes after the request belong to the WebSocket)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const ws = await raw.wsOpen(ctx.t, eio.q(ctx.engine, { transport: "websocket", sid: hs.sid }), { extraBytes: raw.frame(1, "2probe") });
    if (!ws.ok) return verdict(false, describe({ res: ws.res }));
    const p = await ws.waitText("3probe", 2000);
    return verdict(!!p, p ? "3probe" : "no 3probe: " + JSON.stringify(ws.texts()));
  },
});
CASES.push({
  name: "upgrade-on-keepalive-connection",
  what: "a polling handshake, then a WebSocket upgrade on the same keep-alive connection",
  expect: "200, then 101 and the open packet on that connection (or the upgrade refused with a 4xx); never a hang",
  run: async (ctx) => {
    const c = await raw.connect(ctx.t);
    await c.write(`GET ${eio.q(ctx.engine)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await c.until(raw.responses(1), 2000);
    const first = raw.parseResponses(c.data)[0];
    const n = c.data.length;
    await c.write(`GET ${eio.q(ctx.engine, { transport: "websocket" })} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await c.until((x) => x.data.length > n && x.data.slice(n).indexOf("\r\n\r\n") >= 0, 2000);
    const second = raw.parseResponses(c.data.slice(n), { headOnly: true })[0];
    c.destroy();
    const ok = first && first.status === 200 && second && (second.status === 101 || (second.status >= 400 && second.status < 500));
    return verdict(ok, `${first ? first.status : "none"} then ${second ? second.status : "nothing"}`);
  },
});
CASES.push({
  name: "ping-between-fragments",
  what: "a fragmented text message with a ping between its fragments (legal: RFC 6455 5.4)",
  expect: "a pong, and the whole message delivered once (echoed '4abcd')",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.eio);
    await ws.sendFrame(1, "4ab", { fin: false });
    await ws.sendFrame(9, "p");
    await ws.sendFrame(0, "cd");
    const echo = await ws.waitText("4abcd", 2000);
    const pong = ws.frames.some((f) => f.opcode === 10);
    return verdict(!!echo && pong, `${pong ? "pong" : "no pong"}, ${echo ? "echoed" : "not echoed: " + JSON.stringify(ws.texts().slice(1))}${ws.conn.closed ? ", closed" : ""}`);
  },
});
CASES.push({
  name: "many-small-fragments",
  what: "one message in 5000 one-byte continuation frames (under maxPayload)",
  expect: "delivered whole once (echoed), or a close 1009 if the server bounds fragments; never a hang or crash",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.eio);
    const frames = [raw.frame(1, "4", { fin: false })];
    for (let i = 0; i < 4999; i++) frames.push(raw.frame(0, "x", { fin: false }));
    frames.push(raw.frame(0, "y"));
    await ws.conn.write(Buffer.concat(frames));
    const want = "4" + "x".repeat(4999) + "y";
    await ws.until((w) => w.texts().includes(want) || !!w.closeFrameSeen(), 5000);
    const c = ws.closeFrameSeen();
    return verdict(ws.texts().includes(want) || (c && c.code === 1009), ws.texts().includes(want) ? "echoed" : c ? `close ${c.code}` : "nothing");
  },
});
CASES.push({
  name: "close-4000-with-reason",
  what: "a close frame with the application code 4000 and a reason",
  expect: "a close frame back (1000 or 4000) and the TCP close; the session gone",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    await ws.sendFrame(8, Buffer.concat([Buffer.from([0x0f, 0xa0]), Buffer.from("bye")]));
    const c = await ws.waitClosed(2000);
    return verdict(c.frame && (c.code === 1000 || c.code === 4000), c.frame ? `close ${c.code}` : c.tcp ? "TCP close only" : "open");
  },
});
CASES.push({
  name: "empty-text-frame",
  what: "an empty text frame (an empty Engine.IO packet)",
  expect: "the session closed (parse error) or the frame ignored; never a crash",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    await ws.send("");
    const c = await ws.waitClosed(800);
    return verdict(true, c.any ? `closed ${c.code || ""}` : "ignored");
  },
});
CASES.push({
  name: "upgrade-request-with-body",
  what: "a WebSocket upgrade request carrying Content-Length: 5 and a body",
  expect: "400 (a GET upgrade has no body) or 101 with the 5 bytes not taken as a frame; never a crash",
  run: async (ctx) => {
    const ws = await raw.wsOpen(ctx.t, eio.q(ctx.engine, { transport: "websocket" }), { headers: { "Content-Length": "5" }, extraBytes: Buffer.from("hello") });
    const st = ws.res ? ws.res.status : null;
    return verdict(st === 101 || (st >= 400 && st < 500) || (!ws.res && ws.conn.closed), ws.ok ? "101" : describe({ res: ws.res, closed: ws.conn.closed }));
  },
});

CASES.push({
  name: "http-after-upgrade-request",
  what: "an upgrade request followed, in the same write, by a second HTTP request",
  expect: "101; the HTTP bytes are WebSocket bytes now (unmasked garbage: a close 1002), never answered as HTTP",
  run: async (ctx) => {
    const extra = Buffer.from(`GET ${eio.q(ctx.engine)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const ws = await raw.wsOpen(ctx.t, eio.q(ctx.engine, { transport: "websocket" }), { extraBytes: extra });
    if (!ws.ok) return verdict(false, describe({ res: ws.res }));
    const c = await ws.waitClosed(2000);
    const http = ws.conn.data.indexOf("HTTP/1.1 200", 10) > 0;
    return verdict(!http && c.any, `${http ? "answered as HTTP; " : ""}${c.frame ? "close " + c.code : c.tcp ? "TCP close" : "open"}`);
  },
});
CASES.push({
  name: "ws-half-close",
  what: "an open WebSocket session whose client sends FIN (half-close) without a close frame",
  expect: "the server closes the connection and the session within 2 s",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    ws.conn.end();
    const closed = await ws.conn.until((x) => x.closed || x.ended, 2000);
    return verdict(closed, closed ? "closed" : "still open after 2 s");
  },
});

CASES.push({
  name: "deflate-bomb",
  what: "offer permessage-deflate; if accepted, send one compressed frame that inflates to 64 MB",
  expect: "deflate not negotiated (engine.io's default), or a close 1009 before inflating past maxPayload; the server stays up",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine, {}, { headers: { "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits" } });
    if (!ws.ok) return verdict(false, describe({ res: ws.res }));
    const ext = ws.res.headers["sec-websocket-extensions"] || "";
    if (!/permessage-deflate/.test(ext)) return verdict(true, "deflate not negotiated");
    // only when negotiated: the compression blocks this process (and its bystanders) a moment
    const raw64 = require("node:zlib").deflateRawSync(Buffer.concat([Buffer.from("4"), Buffer.alloc(64 * 1024 * 1024, 0x61)]), { level: 9 });
    const body = raw64.slice(0, raw64.length - 4 > 0 && raw64.slice(-4).equals(Buffer.from([0, 0, 0xff, 0xff])) ? raw64.length - 4 : raw64.length);
    await ws.sendFrame(1, body, { rsv: 4 });
    const c = await ws.waitClosed(5000);
    return verdict(c.code === 1009 || (c.any && !ws.texts().some((t) => t.length > ctx.limits.maxPayload)), `negotiated '${ext}'; ${c.frame ? "close " + c.code : c.tcp ? "TCP close" : "open"}`);
  },
});
CASES.push({
  name: "text-frame-b64-message",
  what: "a text frame 'bAAEC/w==' (the polling base64 form) on a WebSocket session of the echo",
  expect: "echoed (as a binary frame 00 01 02 ff, or the same text); never a crash",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.eio);
    await ws.send("bAAEC/w==");
    await ws.until((w) => w.frames.some((f) => f.opcode === 2) || w.texts().includes("bAAEC/w==") || w.conn.closed, 1500);
    const bin = ws.frames.find((f) => f.opcode === 2);
    const echoed = (bin && bin.payload.equals(Buffer.from([0, 1, 2, 255]))) || ws.texts().includes("bAAEC/w==");
    return verdict(echoed || ws.conn.closed, bin ? `binary ${bin.payload.toString("hex")}` : ws.texts().includes("bAAEC/w==") ? "text echoed" : ws.conn.closed ? "closed" : "nothing");
  },
});

module.exports = CASES;
