// Engine.IO v4 and Socket.IO v5 steps on top of the raw helpers: a polling handshake, polls and
// posts, a WebSocket session, a Socket.IO CONNECT. Every step has a deadline.
"use strict";

const raw = require("./raw");

const RS = "\x1e"; // the polling payload separator

/** A query string path: q(ctx.sio, {transport: "polling", sid}) -> "/socket.io/?EIO=4&...". */
function q(path, params = {}) {
  const all = { EIO: "4", transport: "polling", ...params };
  const parts = [];
  for (const [k, v] of Object.entries(all)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) parts.push(`${k}=${x}`);
    else parts.push(`${k}=${v}`);
  }
  return `${path}?${parts.join("&")}`;
}

/** The JSON error of an Engine.IO error answer ({code, message}) or null. */
function errorJson(res) {
  if (!res) return null;
  try {
    const j = JSON.parse(res.body.toString("utf8"));
    return typeof j === "object" && j !== null && "code" in j ? j : null;
  } catch {
    return null;
  }
}

/** A polling handshake. Returns { sid, open, res } (sid null when it failed). */
async function handshake(t, path, params = {}) {
  const { res } = await raw.request(t, "GET", q(path, params));
  if (!res || res.status !== 200) return { sid: null, res };
  const body = res.body.toString("utf8");
  if (!body.startsWith("0")) return { sid: null, res };
  const open = JSON.parse(body.slice(1).split(RS)[0]);
  return { sid: open.sid, open, res };
}

/** A GET poll of sid; resolves after the answer or ms (res null when none). */
async function poll(t, path, sid, { ms = 3000, params = {} } = {}) {
  const { res, closed } = await raw.request(t, "GET", q(path, { sid, ...params }), { ms });
  return { res, closed, text: res ? res.body.toString("utf8") : null };
}

/** A POST of body to sid. */
async function post(t, path, sid, body, { ms = 3000, headers = {}, params = {} } = {}) {
  const { res, closed } = await raw.request(t, "POST", q(path, { sid, ...params }), {
    body,
    ms,
    headers: { "Content-Type": "text/plain;charset=UTF-8", ...headers },
  });
  return { res, closed, text: res ? res.body.toString("utf8") : null };
}

/**
 * Whether the polling session sid is gone: a POST of a pong ("3", which only keeps the session's
 * heartbeat going) answers 400 within ms. (A GET would overlap with a held poll and end the
 * session itself.)
 */
async function pollingGone(t, path, sid, ms = 3000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const { res, closed } = await post(t, path, sid, "3", { ms: 1000 });
    if (res && res.status >= 400) return true;
    if (!res && closed) return true;
    if (Date.now() > deadline) return false;
    await raw.sleep(100);
  }
}

/** A WebSocket Engine.IO session (no sid) on path; resolves to ws with ws.sid, ws.open. */
async function wsSession(t, path, params = {}, opts = {}) {
  const ws = await raw.wsOpen(t, q(path, { transport: "websocket", ...params }), opts);
  if (!ws.ok) return ws;
  const open = await ws.waitText("0", 3000);
  if (open) {
    ws.open = JSON.parse(open.slice(1));
    ws.sid = ws.open.sid;
  }
  // answer pings automatically so that the session stays up as long as the case wants it
  ws.autoPong = true;
  let seen = 0;
  const timer = setInterval(() => {
    if (!ws.autoPong || ws.conn.closed) return;
    const texts = ws.texts();
    for (; seen < texts.length; seen++) if (texts[seen] === "2") ws.send("3");
  }, 50);
  timer.unref();
  ws.conn.sock.on("close", () => clearInterval(timer));
  return ws;
}

/** A WebSocket session with a Socket.IO CONNECT to nsp; ws.connected is the "40…" answer. */
async function sioSession(t, path, nsp = "/", auth, params = {}) {
  const ws = await wsSession(t, path, params);
  if (!ws.ok || !ws.sid) return ws;
  const prefix = nsp === "/" ? "" : nsp + ",";
  ws.send("40" + prefix + (auth === undefined ? "" : JSON.stringify(auth)));
  ws.connected = await ws.waitText(new RegExp("^4[04]" + (nsp === "/" ? "[{]" : nsp.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ",")), 3000);
  return ws;
}

/** Whether the session behind ws answers: an Engine.IO message echo or a Socket.IO ack. */
async function wsAlive(ws, ms = 1500) {
  if (ws.conn.closed || ws.conn.ended) return false;
  const from = ws.texts().length;
  ws.send("3"); // harmless: a pong
  await raw.sleep(20);
  return !(ws.conn.closed || ws.conn.ended) && from >= 0;
}

/** Sends a Socket.IO event with ack id and waits for the "43<id>" answer. */
async function sioAck(ws, id, args, ms = 2000, nsp = "/") {
  const prefix = nsp === "/" ? "" : nsp + ",";
  const from = ws.texts().length;
  ws.send("42" + prefix + id + JSON.stringify(args));
  return ws.waitText("43" + prefix + id + "[", ms, from);
}

module.exports = { RS, q, errorJson, handshake, poll, post, pollingGone, wsSession, sioSession, wsAlive, sioAck };
