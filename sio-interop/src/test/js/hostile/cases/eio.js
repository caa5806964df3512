// Engine.IO v4 cases: sid forms, transports mixed up, overlapping requests, packets of every type
// in every state, payload encodings, maxHttpBufferSize edges, probe and upgrade abuse.
"use strict";

const raw = require("../lib/raw");
const eio = require("../lib/eio");
const { describe, verdict, eioError } = require("./check");

const RS = eio.RS;
const CASES = [];
const add = (c) => CASES.push(c);

// ---- sid forms ----
for (const [n, sid] of [
  ["empty", ""],
  ["long-10k", "A".repeat(10000)],
  ["unicode", "%E2%82%AC%E2%82%AC"],
  ["traversal", "..%2F..%2F"],
  ["nul", "abc%00def"],
  ["random-20", "Zm9vYmFyYmF6cXV4MTIz"],
  ["array-brackets", "a[]=1"],
]) {
  add({
    name: `sid-${n}`,
    what: `GET and POST with sid=${sid.slice(0, 16)}${sid.length > 16 ? "…" : ""}`,
    expect: "400 {code 1 'Session ID unknown'} for both (Bad request code 3 accepted)" + (sid === "" ? "; an empty sid may count as none (GET: a handshake)" : ""),
    run: async (ctx) => {
      const g = await raw.request(ctx.t, "GET", eio.q(ctx.engine, { sid }));
      const p = await raw.request(ctx.t, "POST", eio.q(ctx.engine, { sid }), { body: "4x", headers: { "Content-Type": "text/plain" } });
      const handshook = sid === "" && g.res && g.res.status === 200 && g.res.body.toString().startsWith("0{");
      const ok = (handshook || (g.res && g.res.status === 400)) && p.res && p.res.status === 400;
      return verdict(ok, `GET ${describe(g)}; POST ${describe(p)}`);
    },
  });
}
add({
  name: "sid-case-changed",
  what: "a real polling sid with its letters' case swapped",
  expect: "400 {code 1} (sids are case-sensitive)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const swapped = hs.sid.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
    if (swapped === hs.sid) return verdict(true, "sid has no letters");
    const g = await eio.poll(ctx.t, ctx.engine, swapped, { ms: 1500 });
    return verdict(eioError(g, 1), describe(g));
  },
});
add({
  name: "sid-with-wrong-eio",
  what: "a real polling sid polled with EIO=3",
  expect: "400 (code 5 unsupported protocol version, or code 3)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const g = await eio.poll(ctx.t, ctx.engine, hs.sid, { ms: 1500, params: { EIO: "3" } });
    return verdict(g.res && g.res.status === 400, describe(g));
  },
});
add({
  name: "sid-of-websocket-polled",
  what: "GET polling with the sid of a WebSocket-only session",
  expect: "400 {code 3 'Bad request'} (transport mismatch); the WebSocket session is unharmed or closed, never served by both",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    const g = await eio.poll(ctx.t, ctx.engine, ws.sid, { ms: 1500 });
    return verdict(g.res && g.res.status === 400, describe(g));
  },
});
add({
  name: "post-to-websocket-session",
  what: "POST a message packet with the sid of a WebSocket-only session",
  expect: "400 {code 3}; nothing delivered (no echo on the WebSocket)",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    const p = await eio.post(ctx.t, ctx.engine, ws.sid, "4smuggled");
    await raw.sleep(300);
    const leaked = ws.texts().some((t) => t.includes("smuggled"));
    return verdict(p.res && p.res.status === 400 && !leaked, describe(p) + (leaked ? "; delivered to the app" : ""));
  },
});
add({
  name: "sid-of-other-path",
  what: "a sid from /socket.io/ used at /engine.io/ (two servers on one listener)",
  expect: "400 {code 1}: sessions of one server are unknown to the other",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.sio);
    const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: 1500 });
    return verdict(eioError(g, 1), describe(g));
  },
});
add({
  name: "websocket-param-without-upgrade",
  what: "a plain GET (no Upgrade header) with transport=websocket and a polling sid",
  expect: "400 (code 3), and the polling session still works",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const g = await raw.request(ctx.t, "GET", eio.q(ctx.engine, { transport: "websocket", sid: hs.sid }));
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "6");
    return verdict(g.res && g.res.status === 400 && p.res && p.res.status === 200, `GET ${describe(g)}; then POST ${describe(p)}`);
  },
});
add({
  name: "handshake-post",
  what: "POST without sid (handshake by POST)",
  expect: "400 {code 2 'Bad handshake method'}",
  run: async (ctx) => {
    const r = await raw.request(ctx.t, "POST", eio.q(ctx.engine), { body: "4x" });
    return verdict(eioError(r, 2) || (r.res && r.res.status === 400), describe(r));
  },
});
add({
  name: "handshake-websocket-plain-get",
  what: "a plain GET with transport=websocket and no sid",
  expect: "400 (code 3 Bad request); no session",
  run: async (ctx) => {
    const r = await raw.request(ctx.t, "GET", eio.q(ctx.engine, { transport: "websocket" }));
    return verdict(r.res && r.res.status === 400, describe(r));
  },
});

// ---- overlapping requests ----
add({
  name: "concurrent-gets",
  what: "two long-poll GETs for one sid at once",
  expect: "the second gets 400 and the session is closed (spec: overlap closes the session)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const first = eio.poll(ctx.t, ctx.engine, hs.sid, { ms: 3000 });
    await raw.sleep(100);
    const second = await eio.poll(ctx.t, ctx.engine, hs.sid, { ms: 1500 });
    const a = await first;
    const gone = await eio.pollingGone(ctx.t, ctx.engine, hs.sid, 1500);
    return verdict(second.res && second.res.status === 400 && gone, `first ${describe(a)}; second ${describe(second)}; session ${gone ? "closed" : "alive"}`);
  },
});
add({
  name: "concurrent-posts",
  what: "two POSTs for one sid at once (the first one's body trickled)",
  expect: "the second gets 400; the session is closed",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const c = await raw.connect(ctx.t);
    await c.write(`POST ${eio.q(ctx.engine, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n4a`);
    await raw.sleep(100);
    const second = await eio.post(ctx.t, ctx.engine, hs.sid, "4b", { ms: 1500 });
    c.destroy();
    const gone = await eio.pollingGone(ctx.t, ctx.engine, hs.sid, 1500);
    return verdict(second.res && second.res.status === 400 && gone, `second ${describe(second)}; session ${gone ? "closed" : "alive"}`);
  },
});
add({
  name: "post-octet-stream",
  what: "POST with Content-Type: application/octet-stream in EIO=4",
  expect: "400 (binary bodies are not a v4 polling payload); the session is closed; nothing delivered",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "4x", { headers: { "Content-Type": "application/octet-stream" } });
    return verdict(p.res && p.res.status === 400, describe(p));
  },
});

// ---- packets of every type, polling ----
/** POSTs body to a fresh polling session; returns { post, gone, text (what a poll got) }. */
async function postAndSee(ctx, body) {
  const hs = await eio.handshake(ctx.t, ctx.engine);
  const p = await eio.post(ctx.t, ctx.engine, hs.sid, body);
  let text = "";
  let gone = false;
  if (ctx.eio) {
    // the fixture pings every 300 ms: a poll answers fast whatever happened
    const g = await eio.poll(ctx.t, ctx.engine, hs.sid, { ms: ctx.limits.pingInterval + 700 });
    text = g.text || "";
    gone = (g.res && g.res.status >= 400) || text.split(RS).includes("1");
    if (!gone && text.split(RS).includes("2")) await eio.post(ctx.t, ctx.engine, hs.sid, "3");
  }
  gone = gone || (await eio.pollingGone(ctx.t, ctx.engine, hs.sid, 1200));
  return { hs, p, text, gone };
}
// mode: "closed" the session must end; "alive" it must go on; "any" either, never a 5xx
for (const [n, body, mode, want] of [
  ["open", "0", "any", "ignored or the session closed"],
  ["close", "1", "closed", "the session closed"],
  ["ping", "2", "any", "the session closed ('invalid heartbeat direction' in v4) or a pong"],
  ["ping-probe", "2probe", "any", "closed or '3probe'; no upgrade over polling"],
  ["upgrade", "5", "any", "ignored or closed (no upgrade is in progress)"],
  ["noop", "6", "alive", "ignored, the session goes on"],
  ["unknown-type-9", "9x", "closed", "the session closed (parse error)"],
  ["letter-type", "zhello", "closed", "the session closed (parse error)"],
  ["empty-body", "", "any", "ignored or closed"],
  ["only-separators", RS + RS + RS, "any", "ignored or closed (parse error)"],
  ["trailing-separator", "4a" + RS, "any", "closed (parse error) or 'a' delivered"],
  ["nul-packet", "\u0000", "closed", "the session closed (parse error)"],
]) {
  add({
    name: `polling-packet-${n}`,
    what: `POST ${JSON.stringify(body).slice(0, 24)} to a polling session`,
    expect: want + "; the POST answered 200 'ok' or 400, never a 5xx",
    run: async (ctx) => {
      const r = await postAndSee(ctx, body);
      const st = r.p.res ? r.p.res.status : null;
      let ok = st === 200 || st === 400;
      if (mode === "closed") ok = ok && r.gone;
      if (mode === "alive") ok = ok && !r.gone;
      return verdict(ok, `POST ${describe(r.p)}; then ${r.gone ? "session closed" : "session alive"} (poll ${JSON.stringify(r.text.slice(0, 30))})`);
    },
  });
}
add({
  name: "polling-b64-invalid",
  what: "POST 'b' + invalid base64 ('b!!!***') on the echo",
  expect: "the session closed (parse error); nothing delivered (Node decodes garbage leniently: better than Node)",
  profiles: ["fixture"],
  run: async (ctx) => {
    const r = await postAndSee(ctx, "b!!!***");
    const delivered = r.text.includes("b");
    return verdict(r.gone && !delivered, `POST ${describe(r.p)}; ${r.gone ? "closed" : "alive"}; poll ${JSON.stringify(r.text.slice(0, 30))}`);
  },
});
add({
  name: "polling-b64-empty",
  what: "POST 'b' (an empty binary message) on the echo",
  expect: "an empty binary echoed ('b') or the session closed; never a 5xx",
  profiles: ["fixture"],
  run: async (ctx) => {
    const r = await postAndSee(ctx, "b");
    return verdict(r.p.res && r.p.res.status < 500, `POST ${describe(r.p)}; poll ${JSON.stringify(r.text.slice(0, 30))}`);
  },
});
add({
  name: "polling-b64-roundtrip",
  what: "POST 'bAAEC/w==' (binary 00 01 02 ff) on the echo",
  expect: "echoed as 'bAAEC/w=='",
  profiles: ["fixture"],
  run: async (ctx) => {
    const r = await postAndSee(ctx, "bAAEC/w==");
    return verdict(r.text.includes("bAAEC/w=="), `poll ${JSON.stringify(r.text.slice(0, 30))}`);
  },
});
add({
  name: "polling-10000-packets",
  what: "one POST of 10 000 tiny message packets on the echo",
  expect: "all 10 000 echoed over later polls, in order; the bystanders unaffected",
  profiles: ["fixture"],
  ms: 30000,
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const body = Array.from({ length: 10000 }, (_, i) => "4" + i).join(RS);
    const p = await eio.post(ctx.t, ctx.eio, hs.sid, body, { ms: 5000 });
    const got = [];
    const deadline = Date.now() + 10000;
    while (got.length < 10000 && Date.now() < deadline) {
      const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: 2000 });
      if (!g.res || g.res.status !== 200) break;
      for (const pk of g.text.split(RS)) if (pk.startsWith("4")) got.push(pk);
      if (g.text.split(RS).includes("2")) await eio.post(ctx.t, ctx.eio, hs.sid, "3");
    }
    const inOrder = got.every((pk, i) => pk === "4" + i);
    return verdict(p.res && p.res.status === 200 && got.length === 10000 && inOrder, `POST ${describe(p)}; ${got.length} echoed${inOrder ? "" : " out of order"}`);
  },
});
add({
  name: "polling-body-at-max",
  what: "POST a body of exactly maxHttpBufferSize bytes",
  expect: "200 ok (the limit is inclusive)",
  ms: 20000,
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "4" + "a".repeat(ctx.limits.maxPayload - 1), { ms: 8000 });
    return verdict(p.res && p.res.status === 200, describe(p));
  },
});
add({
  name: "polling-body-over-max",
  what: "POST a body of maxHttpBufferSize + 1 bytes",
  expect: "413 and the session closed",
  ms: 20000,
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "4" + "a".repeat(ctx.limits.maxPayload), { ms: 8000 });
    const gone = await eio.pollingGone(ctx.t, ctx.engine, hs.sid, 1500);
    return verdict(p.res && p.res.status === 413 && gone, `${describe(p)}; session ${gone ? "closed" : "alive"}`);
  },
});
add({
  name: "polling-chunked-over-max",
  what: "a chunked POST whose chunks add up past maxHttpBufferSize",
  expect: "413 (or a close) and the session closed; nothing delivered",
  ms: 20000,
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const c = await raw.connect(ctx.t);
    await c.write(`POST ${eio.q(ctx.engine, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = 64 * 1024;
    const piece = `${chunk.toString(16)}\r\n${"a".repeat(chunk)}\r\n`;
    await c.write("1\r\n4\r\n");
    for (let sent = 0; sent <= ctx.limits.maxPayload + chunk && !c.closed; sent += chunk) await c.write(piece);
    await c.until(raw.responses(1), 3000);
    const res = raw.parseResponses(c.data)[0];
    const gone = await eio.pollingGone(ctx.t, ctx.engine, hs.sid, 1500);
    return verdict((res ? res.status === 413 : c.closed) && gone, `${res ? res.status : c.closed ? "closed" : "none"}; session ${gone ? "closed" : "alive"}`);
  },
});
add({
  name: "ws-message-at-max",
  what: "a WebSocket message of exactly maxPayload bytes on the echo",
  expect: "delivered and echoed whole",
  profiles: ["fixture"],
  ms: 20000,
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.eio);
    const msg = "4" + "b".repeat(ctx.limits.maxPayload - 1);
    await ws.send(msg);
    await ws.until((w) => w.texts().some((t) => t.length === msg.length), 8000);
    const ok = ws.texts().some((t) => t === msg);
    return verdict(ok, ok ? "echoed" : `not echoed (${ws.closeFrameSeen() ? "close " + ws.closeFrameSeen().code : "open"})`);
  },
});

// ---- probe and upgrade abuse ----
/** Polling handshake + WebSocket on the same sid; returns { hs, ws }. */
async function upgradeStart(ctx) {
  const hs = await eio.handshake(ctx.t, ctx.engine);
  const ws = await raw.wsOpen(ctx.t, eio.q(ctx.engine, { transport: "websocket", sid: hs.sid }));
  return { hs, ws };
}
add({
  name: "probe-repeated",
  what: "'2probe' sent 50 times on the upgrading WebSocket",
  expect: "each answered '3probe' (or the WebSocket closed); the session stays consistent",
  run: async (ctx) => {
    const { ws } = await upgradeStart(ctx);
    if (!ws.ok) return verdict(false, describe({ res: ws.res }));
    for (let i = 0; i < 50; i++) await ws.send("2probe");
    await ws.until((w) => w.texts().filter((t) => t === "3probe").length >= 50, 2000);
    const n = ws.texts().filter((t) => t === "3probe").length;
    return verdict(n >= 1 || ws.conn.closed, `${n} x 3probe${ws.conn.closed ? ", closed" : ""}`);
  },
});
add({
  name: "upgrade-without-probe",
  what: "'5' on the WebSocket without '2probe' first",
  expect: "either the upgrade completes (the session answers on the WebSocket) or the WebSocket closes; polling then gets 400 or keeps working, never both transports",
  run: async (ctx) => {
    const { hs, ws } = await upgradeStart(ctx);
    if (!ws.ok) return verdict(false, describe({ res: ws.res }));
    await ws.send("5");
    await raw.sleep(300);
    const g = await eio.poll(ctx.t, ctx.engine, hs.sid, { ms: 800 });
    return verdict(!g.res || g.res.status < 500, `ws ${ws.conn.closed ? "closed" : "open"}; poll ${describe(g)}`);
  },
});
add({
  name: "upgrade-message-before-probe",
  what: "a message packet on the upgrading WebSocket before the probe",
  expect: "the WebSocket closed; the message not delivered; the polling session keeps working",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const ws = await raw.wsOpen(ctx.t, eio.q(ctx.eio, { transport: "websocket", sid: hs.sid }));
    await ws.send("4early");
    await raw.sleep(300);
    const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: 800 });
    const delivered = (g.text || "").includes("4early") || ws.texts().includes("4early");
    const c = await ws.waitClosed(1500);
    return verdict(!delivered && c.any && g.res && g.res.status === 200, `ws ${c.any ? "closed" : "open"}; poll ${describe(g)}`);
  },
});
add({
  name: "upgrade-storm-same-sid",
  what: "20 WebSocket upgrades at once for one polling sid, each probing and upgrading",
  expect: "at most one upgrade completes; the others are refused (400) or closed",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const wss = await Promise.all(Array.from({ length: 20 }, () => raw.wsOpen(ctx.t, eio.q(ctx.engine, { transport: "websocket", sid: hs.sid }))));
    const open = wss.filter((w) => w.ok);
    for (const w of open) await w.send("2probe");
    await raw.sleep(300);
    for (const w of open) await w.send("5");
    await raw.sleep(500);
    const alive = open.filter((w) => !w.conn.closed && !w.closeFrameSeen()).length;
    return verdict(alive <= 1, `${wss.length - open.length} refused, ${open.length} got 101, ${alive} still open`);
  },
});
add({
  name: "upgrade-twice",
  what: "a second WebSocket upgrade after the session already upgraded",
  expect: "refused (400) or closed at once; the first WebSocket keeps working",
  run: async (ctx) => {
    const { hs, ws } = await upgradeStart(ctx);
    await ws.send("2probe");
    await ws.waitText("3probe", 1500);
    await ws.send("5");
    await raw.sleep(200);
    const ws2 = await raw.wsOpen(ctx.t, eio.q(ctx.engine, { transport: "websocket", sid: hs.sid }));
    let second = ws2.ok ? "101" : describe({ res: ws2.res });
    if (ws2.ok) {
      await ws2.send("2probe");
      const c = await ws2.waitClosed(1500);
      second += c.any ? " then closed" : " and stays open";
    }
    const ok = !ws2.ok ? ws2.res && ws2.res.status === 400 : /closed/.test(second);
    return verdict(ok && !ws.conn.closed, `second: ${second}; first ${ws.conn.closed ? "closed" : "open"}`);
  },
});
add({
  name: "poll-after-upgrade",
  what: "a polling GET after the upgrade completed",
  expect: "400 (the session's transport is websocket now); the WebSocket keeps working",
  run: async (ctx) => {
    const { hs, ws } = await upgradeStart(ctx);
    await ws.send("2probe");
    await ws.waitText("3probe", 1500);
    await ws.send("5");
    await raw.sleep(200);
    const g = await eio.poll(ctx.t, ctx.engine, hs.sid, { ms: 1000 });
    return verdict(g.res && g.res.status === 400 && !ws.conn.closed, `${describe(g)}; ws ${ws.conn.closed ? "closed" : "open"}`);
  },
});
add({
  name: "upgrade-abandoned",
  what: "a WebSocket upgrade that sends '2probe' and then nothing",
  expect: "the upgrade is dropped after upgradeTimeout; the polling session keeps working meanwhile",
  run: async (ctx) => {
    const { hs, ws } = await upgradeStart(ctx);
    await ws.send("2probe");
    await ws.waitText("3probe", 1500);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "6");
    ws.conn.destroy();
    return verdict(p.res && p.res.status === 200, `polling POST during the upgrade: ${describe(p)}`);
  },
});

// ---- heartbeat ----
add({
  name: "pong-flood-ws",
  what: "10 000 unsolicited pong packets on a WebSocket session",
  expect: "the server stays up, the bystanders unaffected (the session may be closed)",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    const one = raw.frame(1, "3");
    for (let i = 0; i < 10; i++) await ws.conn.write(Buffer.concat(Array.from({ length: 1000 }, () => one)));
    await raw.sleep(300);
    return verdict(true, ws.conn.closed ? "closed by the server" : "still open");
  },
});
add({
  name: "ping-from-client-ws",
  what: "a '2' (ping) packet from the client on a v4 WebSocket session",
  expect: "the session closed (v4: pings go server to client) or answered with '3'",
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    const from = ws.texts().length;
    await ws.send("2");
    const pong = await ws.waitText(/^3$/, 1000, from);
    const c = await ws.waitClosed(pong ? 10 : 1500);
    return verdict(pong || c.any, pong ? "answered 3" : c.any ? "closed" : "ignored");
  },
});
add({
  name: "no-pong-ws",
  what: "a WebSocket session that never answers the server's pings",
  expect: "closed within pingInterval + pingTimeout + 1 s",
  profiles: ["fixture"],
  run: async (ctx) => {
    const ws = await eio.wsSession(ctx.t, ctx.engine);
    ws.autoPong = false;
    const c = await ws.waitClosed(ctx.limits.pingInterval + ctx.limits.pingTimeout + 1000);
    return verdict(c.any, c.any ? "closed" : "still open");
  },
});
add({
  name: "polling-never-polled",
  what: "a polling handshake that is never polled again",
  expect: "the session closed by the heartbeat (clients back to baseline)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    return verdict(!!hs.sid, hs.sid ? "handshake done, then silence" : describe({ res: hs.res }));
  },
});
add({
  name: "session-flood-1000",
  what: "1000 polling handshakes in a row on 10 keep-alive connections, never polled",
  expect: "all answered; all gone by the heartbeat; the bystanders unaffected",
  ms: 40000,
  run: async (ctx) => {
    const per = 100;
    const req = `GET ${eio.q(ctx.engine)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const results = await Promise.all(Array.from({ length: 10 }, () => raw.rawRequest(ctx.t, req.repeat(per), { n: per, ms: 15000 })));
    const ok = results.reduce((n, r) => n + r.res.filter((x) => x.status === 200).length, 0);
    return verdict(ok === 1000, `${ok}/1000 handshakes answered 200`);
  },
});

add({
  name: "post-with-wrong-eio",
  what: "a POST to a real polling session with EIO=3",
  expect: "400 (code 5 or 3); nothing delivered",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const p = await eio.post(ctx.t, ctx.eio, hs.sid, "4wrong-eio", { params: { EIO: "3" } });
    const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: ctx.limits.pingInterval + 500 });
    const delivered = (g.text || "").includes("wrong-eio");
    return verdict(p.res && p.res.status === 400 && !delivered, `${describe(p)}${delivered ? "; delivered" : ""}`);
  },
});
add({
  name: "post-with-transport-websocket",
  what: "a POST to a polling session with transport=websocket",
  expect: "400 (code 3 Bad request: transport mismatch)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "6", { params: { transport: "websocket" } });
    return verdict(p.res && p.res.status === 400, describe(p));
  },
});
add({
  name: "sid-duplicated-param",
  what: "sid=<real>&sid=<other> on a poll",
  expect: "400 (ambiguous), or the first value used consistently; never a 5xx",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const r = await raw.request(ctx.t, "POST", `${ctx.engine}?EIO=4&transport=polling&sid=${hs.sid}&sid=AAAAAAAAAAAAAAAAAAAA`, { body: "6", headers: { "Content-Type": "text/plain" } });
    return verdict(r.res && (r.res.status === 400 || r.res.status === 200), describe(r));
  },
});
add({
  name: "polling-chunked-valid",
  what: "a valid chunked POST (two chunks, a trailer) to the echo",
  expect: "200 ok and the message echoed whole ('4hello')",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const r = await raw.rawRequest(ctx.t, `POST ${eio.q(ctx.eio, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n4he\r\n3;ext=1\r\nllo\r\n0\r\nX-Trailer: t\r\n\r\n`);
    const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: ctx.limits.pingInterval + 500 });
    const res = r.res[0];
    return verdict(res && res.status === 200 && (g.text || "").split(RS).includes("4hello"), `${res ? res.status : "none"}; poll ${JSON.stringify((g.text || "").slice(0, 30))}`);
  },
});
add({
  name: "long-poll-connection-close",
  what: "a long poll with Connection: close",
  expect: "the poll answered, then the connection closed by the server",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const r = await raw.rawRequest(ctx.t, `GET ${eio.q(ctx.eio, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, { ms: 2000 });
    const closed = r.closed || (await r.conn.waitClose(1000));
    return verdict(r.res[0] && r.res[0].status === 200 && closed, `${r.res[0] ? r.res[0].status : "none"}, ${closed ? "closed" : "kept open"}`);
  },
});
add({
  name: "polling-message-split-utf8",
  what: "a POST whose body splits a 4-byte UTF-8 character across TCP writes",
  expect: "the message echoed whole ('4😀')",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const body = Buffer.from("4😀", "utf8");
    const c = await raw.connect(ctx.t);
    await c.write(`POST ${eio.q(ctx.eio, { sid: hs.sid })} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`);
    await c.write(body.slice(0, 3));
    await raw.sleep(50);
    await c.write(body.slice(3));
    await c.until(raw.responses(1), 2000);
    const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: ctx.limits.pingInterval + 500 });
    return verdict((g.text || "").split(RS).includes("4😀"), `poll ${JSON.stringify((g.text || "").slice(0, 30))}`);
  },
});
add({
  name: "polling-invalid-utf8-body",
  what: "a POST body that is not UTF-8 ('4' + 0xC3 0x28) on the echo",
  expect: "400 or the session closed; never garbage delivered as text (U+FFFD accepted as Node does)",
  profiles: ["fixture"],
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.eio);
    const p = await eio.post(ctx.t, ctx.eio, hs.sid, Buffer.from([0x34, 0xc3, 0x28]));
    const g = await eio.poll(ctx.t, ctx.eio, hs.sid, { ms: ctx.limits.pingInterval + 500 });
    return verdict(p.res && p.res.status < 500, `POST ${describe(p)}; poll ${JSON.stringify((g.text || "").slice(0, 20))}`);
  },
});

add({
  name: "post-after-close-packet",
  what: "POST '1' (close) to a polling session, then POST a message",
  expect: "the second POST gets 400 (the session is gone); nothing delivered",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    await eio.post(ctx.t, ctx.engine, hs.sid, "1");
    await raw.sleep(100);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, "4late");
    return verdict(p.res && p.res.status === 400, describe(p));
  },
});

module.exports = CASES;
