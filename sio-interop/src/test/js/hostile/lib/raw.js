// Raw TCP, HTTP/1.1 and WebSocket helpers for hostile cases: every byte is written by hand, every
// wait has a deadline, and every socket is tracked so that a case can never leave one open.
"use strict";

const net = require("node:net");
const crypto = require("node:crypto");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sockets opened by the running case; the runner destroys whatever is left after each case. */
const open = new Set();

function destroyAll() {
  for (const s of open) s.destroy();
  open.clear();
}

/**
 * A raw TCP connection that records everything received and how it ended.
 * conn.data (Buffer), conn.closed (bool), conn.reset (bool: ECONNRESET/EPIPE), conn.closedAt.
 */
function connect(target, { allowHalfOpen = true } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: target.host, port: target.port, allowHalfOpen });
    open.add(sock);
    const conn = {
      sock,
      data: Buffer.alloc(0),
      closed: false,
      ended: false, // the server sent FIN
      reset: false,
      error: null,
      closedAt: 0,
      waiters: [],
    };
    const wake = () => {
      const w = conn.waiters;
      conn.waiters = [];
      for (const f of w) f();
    };
    sock.on("data", (d) => {
      conn.data = Buffer.concat([conn.data, d]);
      wake();
    });
    sock.on("end", () => {
      conn.ended = true;
      wake();
    });
    sock.on("error", (e) => {
      conn.error = e;
      if (e.code === "ECONNRESET" || e.code === "EPIPE") conn.reset = true;
    });
    sock.on("close", () => {
      conn.closed = true;
      conn.closedAt = Date.now();
      open.delete(sock);
      wake();
    });
    let up = false;
    sock.once("connect", () => {
      up = true;
      resolve(conn);
    });
    sock.once("error", (e) => {
      if (!up) reject(e);
    });
    conn.write = (bytes) =>
      new Promise((res) => {
        if (sock.destroyed || !sock.writable) return res(false);
        sock.write(bytes, () => res(true));
      });
    /** Resolves when pred(conn) is true or the connection is closed, at the latest after ms. */
    conn.until = (pred, ms) =>
      new Promise((res) => {
        const deadline = setTimeout(() => res(pred(conn)), ms);
        const check = () => {
          if (pred(conn)) {
            clearTimeout(deadline);
            res(true);
          } else if (conn.closed) {
            clearTimeout(deadline);
            res(pred(conn));
          } else conn.waiters.push(check);
        };
        check();
      });
    /** Waits until the server closes (FIN or close), at most ms; true when it did. */
    conn.waitClose = (ms) => conn.until((c) => c.closed || c.ended, ms);
    conn.rst = () => {
      if (typeof sock.resetAndDestroy === "function") sock.resetAndDestroy();
      else sock.destroy();
    };
    conn.end = () => sock.end();
    conn.destroy = () => sock.destroy();
  });
}

/** Parses as many complete HTTP/1.x responses as `buf` holds. */
function parseResponses(buf, { headOnly = false } = {}) {
  const out = [];
  let pos = 0;
  while (pos < buf.length) {
    const headEnd = buf.indexOf("\r\n\r\n", pos);
    if (headEnd < 0) break;
    const head = buf.slice(pos, headEnd).toString("latin1");
    const lines = head.split("\r\n");
    const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
    if (!m) {
      out.push({ status: -1, garbage: head });
      break;
    }
    const headers = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(":");
      if (i > 0) {
        const k = line.slice(0, i).trim().toLowerCase();
        headers[k] = headers[k] === undefined ? line.slice(i + 1).trim() : headers[k] + ", " + line.slice(i + 1).trim();
      }
    }
    const status = Number(m[2]);
    let bodyStart = headEnd + 4;
    let body = Buffer.alloc(0);
    let complete = true;
    if (status === 101 || status === 100 || status === 204 || status === 304 || headOnly) {
      // no body
    } else if (/chunked/i.test(headers["transfer-encoding"] || "")) {
      let p = bodyStart;
      const parts = [];
      complete = false;
      for (;;) {
        const le = buf.indexOf("\r\n", p);
        if (le < 0) break;
        const size = parseInt(buf.slice(p, le).toString("latin1"), 16);
        if (Number.isNaN(size)) break;
        if (size === 0) {
          const te = buf.indexOf("\r\n\r\n", le);
          if (te >= 0 || buf.indexOf("\r\n", le + 2) === le + 2) {
            p = te >= 0 ? te + 4 : le + 4;
            complete = true;
          }
          break;
        }
        if (le + 2 + size + 2 > buf.length) break;
        parts.push(buf.slice(le + 2, le + 2 + size));
        p = le + 2 + size + 2;
      }
      body = Buffer.concat(parts);
      bodyStart = p;
      if (!complete) {
        out.push({ status, version: m[1], headers, body, complete: false });
        break;
      }
      out.push({ status, version: m[1], headers, body, complete: true });
      pos = bodyStart;
      continue;
    } else if (headers["content-length"] !== undefined) {
      const len = Number(headers["content-length"]);
      if (bodyStart + len > buf.length) {
        out.push({ status, version: m[1], headers, body: buf.slice(bodyStart), complete: false });
        break;
      }
      body = buf.slice(bodyStart, bodyStart + len);
      bodyStart += len;
    } else {
      // until close
      body = buf.slice(bodyStart);
      bodyStart = buf.length;
      complete = false;
    }
    out.push({ status, version: m[1], headers, body, complete });
    pos = bodyStart;
    if (status === 101) break;
  }
  return out;
}

/** The response-complete predicate for conn.until: at least n complete responses. */
const responses = (n = 1) => (c) => parseResponses(c.data).filter((r) => r.complete || c.closed).length >= n;

/**
 * Sends `raw` (string or Buffer) on a new connection and waits for n complete responses or the
 * close, at most ms. Returns { conn, res: [responses], closed }.
 */
async function rawRequest(target, raw, { n = 1, ms = 3000, end = false } = {}) {
  const conn = await connect(target);
  await conn.write(typeof raw === "string" ? Buffer.from(raw, "latin1") : raw);
  if (end) conn.end();
  await conn.until(responses(n), ms);
  const res = parseResponses(conn.data);
  return { conn, res, closed: conn.closed || conn.ended };
}

/** Builds one HTTP/1.1 request. headers: array of [name, value] or an object. */
function build(method, path, { host, headers = {}, body, version = "1.1", close = false } = {}) {
  const list = Array.isArray(headers) ? headers.slice() : Object.entries(headers);
  const names = new Set(list.map(([k]) => k.toLowerCase()));
  if (host !== null && !names.has("host")) list.unshift(["Host", host]);
  if (body !== undefined && !names.has("content-length") && !names.has("transfer-encoding")) {
    list.push(["Content-Length", String(Buffer.byteLength(body))]);
  }
  if (close && !names.has("connection")) list.push(["Connection", "close"]);
  let s = `${method} ${path} HTTP/${version}\r\n`;
  for (const [k, v] of list) s += `${k}: ${v}\r\n`;
  s += "\r\n";
  const head = Buffer.from(s, "latin1");
  return body === undefined ? head : Buffer.concat([head, Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8")]);
}

/** One request on its own connection; resolves to the first response (or null) and the conn. */
async function request(target, method, path, opts = {}) {
  const raw = build(method, path, { host: target.hostHeader, close: opts.close !== false, ...opts });
  const { conn, res, closed } = await rawRequest(target, raw, { ms: opts.ms || 3000 });
  if (opts.keep !== true) conn.destroy();
  return { res: res[0] || null, all: res, closed, conn };
}

// ---- WebSocket ----

/** Encodes one WebSocket frame (client side: masked unless mask === false). */
function frame(opcode, payload = Buffer.alloc(0), { fin = true, rsv = 0, mask = true, len } = {}) {
  if (typeof payload === "string") payload = Buffer.from(payload, "utf8");
  const n = len === undefined ? payload.length : len;
  let head;
  if (n < 126) {
    head = Buffer.alloc(2);
    head[1] = n;
  } else if (n < 65536) {
    head = Buffer.alloc(4);
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head = Buffer.alloc(10);
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  head[0] = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  if (!mask) return Buffer.concat([head, payload]);
  head[1] |= 0x80;
  const key = crypto.randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] ^= key[i & 3];
  return Buffer.concat([head, key, body]);
}

/** Parses server frames from buf starting at pos; returns { frames, pos }. */
function parseFrames(buf, pos) {
  const frames = [];
  for (;;) {
    if (buf.length - pos < 2) break;
    const b0 = buf[pos];
    const b1 = buf[pos + 1];
    let len = b1 & 0x7f;
    let off = pos + 2;
    if (len === 126) {
      if (buf.length - pos < 4) break;
      len = buf.readUInt16BE(pos + 2);
      off = pos + 4;
    } else if (len === 127) {
      if (buf.length - pos < 10) break;
      len = Number(buf.readBigUInt64BE(pos + 2));
      off = pos + 10;
    }
    if (b1 & 0x80) off += 4; // a server must not mask, but skip the key if it does
    if (buf.length < off + len) break;
    const payload = buf.slice(off, off + len);
    const f = { fin: !!(b0 & 0x80), rsv: (b0 >> 4) & 7, opcode: b0 & 0x0f, payload, masked: !!(b1 & 0x80) };
    if (f.opcode === 8) {
      f.code = payload.length >= 2 ? payload.readUInt16BE(0) : null;
      f.reason = payload.slice(2).toString("utf8");
    } else if (f.opcode === 1) f.text = payload.toString("utf8");
    frames.push(f);
    pos = off + len;
  }
  return { frames, pos };
}

/**
 * Opens a WebSocket with a hand-written handshake. Returns ws with: status, headers, frames (all
 * received), texts(), send(text), sendFrame(...), next(pred, ms), closeFrame(), closed().
 * On a non-101 answer, ws.ok is false and ws.res holds the response.
 */
async function wsOpen(target, path, { headers = {}, key, version = "1.1", extraBytes, ms = 3000 } = {}) {
  const conn = await connect(target);
  const k = key === undefined ? crypto.randomBytes(16).toString("base64") : key;
  const h = {
    Host: target.hostHeader,
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Version": "13",
    ...(k === null ? {} : { "Sec-WebSocket-Key": k }),
    ...headers,
  };
  for (const name of Object.keys(h)) if (h[name] === null) delete h[name];
  let raw = build("GET", path, { host: null, headers: h, version });
  if (extraBytes) raw = Buffer.concat([raw, extraBytes]);
  await conn.write(raw);
  await conn.until((c) => c.data.indexOf("\r\n\r\n") >= 0, ms);
  const headEnd = conn.data.indexOf("\r\n\r\n");
  const ws = { conn, ok: false, frames: [], pos: 0 };
  if (headEnd < 0) {
    ws.res = null;
    return ws;
  }
  const res = parseResponses(conn.data.slice(0, headEnd + 4), { headOnly: true })[0];
  if (!res || res.status !== 101) {
    await conn.until(responses(1), 500);
    ws.res = parseResponses(conn.data)[0] || res;
    return ws;
  }
  ws.ok = true;
  ws.res = res;
  ws.pos = headEnd + 4;
  const pump = () => {
    const { frames, pos } = parseFrames(conn.data, ws.pos);
    ws.pos = pos;
    for (const f of frames) ws.frames.push(f);
  };
  ws.pump = pump;
  ws.sendFrame = (opcode, payload, opts) => conn.write(frame(opcode, payload, opts));
  ws.send = (text) => ws.sendFrame(1, text);
  ws.sendBinary = (buf) => ws.sendFrame(2, buf);
  ws.texts = () => {
    pump();
    return ws.frames.filter((f) => f.opcode === 1).map((f) => f.text);
  };
  ws.closeFrameSeen = () => {
    pump();
    return ws.frames.find((f) => f.opcode === 8) || null;
  };
  /** Waits until pred(ws) (frames pumped first) or close, at most ms. */
  ws.until = (pred, ms2) =>
    conn.until(() => {
      pump();
      return pred(ws);
    }, ms2);
  /** Waits for a text frame matching re (string prefix or RegExp) after index `from`. */
  ws.waitText = async (match, ms2, from = 0) => {
    const test = (t) => (typeof match === "string" ? t.startsWith(match) : match.test(t));
    await ws.until((w) => w.texts().slice(from).some(test), ms2);
    return ws.texts().slice(from).find(test) || null;
  };
  /** Waits for the server to close: a close frame or the TCP close. Returns {code, frame, tcp}. */
  ws.waitClosed = async (ms2) => {
    await ws.until((w) => w.closeFrameSeen() || w.conn.closed || w.conn.ended, ms2);
    const f = ws.closeFrameSeen();
    return { frame: f, code: f ? f.code : null, tcp: conn.closed || conn.ended, any: !!f || conn.closed || conn.ended };
  };
  pump();
  return ws;
}

module.exports = {
  sleep,
  connect,
  destroyAll,
  parseResponses,
  responses,
  rawRequest,
  build,
  request,
  frame,
  parseFrames,
  wsOpen,
};
