// HTTP/1.1-level cases: request lines, versions, methods, headers, framing and smuggling shapes,
// query strings, Expect, pipelining, preflights. Most are one raw request and a verdict on the
// answer: a client error must get a 4xx (or a close), never a 5xx, a hang or a session.
"use strict";

const raw = require("../lib/raw");
const eio = require("../lib/eio");
const { describe, refused, verdict } = require("./check");

const HSQ = (ctx, p = {}) => eio.q(ctx.sio, p);
// built once when the catalogue loads, before the bystanders start (it takes a CPU second)
const bomb = require("node:zlib").gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x61), { level: 9 });
const status = (r) => (r.res ? r.res.status : null);
const not5xx = (r) => !r.res || r.res.status < 500;
const handshakeOk = (r) => r.res && r.res.status === 200 && r.res.body.toString().startsWith("0{");

/** A case sending the raw bytes of build(ctx) and judging the first answer with judge(r, ctx). */
function one(name, what, expect, build, judge, extra = {}) {
  return {
    name,
    what,
    expect,
    ...extra,
    run: async (ctx) => {
      const r = await raw.rawRequest(ctx.t, build(ctx), { ms: extra.wait || 3000, n: extra.n || 1 });
      const x = { res: r.res[0] || null, all: r.res, closed: r.closed, conn: r.conn };
      const ok = await judge(x, ctx);
      r.conn.destroy();
      return verdict(ok, (extra.n > 1 ? r.res.map((p) => p.status).join(",") + " " : "") + describe(x));
    },
  };
}

const H = (ctx) => `Host: ${ctx.t.hostHeader}\r\n`;
const CASES = [];
const add = (...a) => CASES.push(one(...a));

// ---- request line and version ----
add("double-space-request-line", "GET  /socket.io/?... HTTP/1.1 (two spaces)", "400, or a handshake (RFC 9112 3: MAY parse on whitespace boundaries); never a 5xx", (c) => `GET  ${HSQ(c)}  HTTP/1.1\r\n${H(c)}\r\n`, (r) => refused(r) || handshakeOk(r));
add("lowercase-method", "get /socket.io/?EIO=4&transport=polling", "4xx or close (methods are case-sensitive)", (c) => `get ${HSQ(c)} HTTP/1.1\r\n${H(c)}\r\n`, refused);
add("unknown-method", "FOO /socket.io/?EIO=4&transport=polling", "4xx (400/405/501 allowed as 'not implemented') or close, no session", (c) => `FOO ${HSQ(c)} HTTP/1.1\r\n${H(c)}\r\n`, (r) => refused(r) || status(r) === 501);
add("method-overlong", "a 10 KiB method token", "4xx or close", (c) => `${"G".repeat(10240)} ${HSQ(c)} HTTP/1.1\r\n${H(c)}\r\n`, (r) => refused(r) || status(r) === 501);
add("connect-method", "CONNECT 127.0.0.1:22 HTTP/1.1", "4xx or close; never a tunnel", (c) => `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`, (r) => (refused(r) || status(r) === 501) && status(r) !== 200);
add("options-asterisk", "OPTIONS * HTTP/1.1", "a 2xx/4xx, never a 5xx", (c) => `OPTIONS * HTTP/1.1\r\n${H(c)}\r\n`, (r) => not5xx(r) && (r.res || r.closed));
add("absolute-form-uri", "GET http://host/socket.io/?EIO=4&transport=polling (absolute form)", "a handshake (RFC 9112 3.2.2: servers MUST accept it) or a 4xx, never a 5xx", (c) => `GET http://${c.t.hostHeader}${HSQ(c)} HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || refused(r));
add("http10-handshake", "HTTP/1.0 handshake without Host", "200 with the open packet, then the server closes (1.0 is not keep-alive)", (c) => `GET ${HSQ(c)} HTTP/1.0\r\n\r\n`, async (r) => handshakeOk(r) && (await r.conn.waitClose(2000)));
add("http09-request", "GET /socket.io/?EIO=4&transport=polling with no version (HTTP/0.9)", "400/505, a close, or a handshake; never a 5xx or a hang", (c) => `GET ${HSQ(c)}\r\n\r\n`, (r) => refused(r) || status(r) === 505 || handshakeOk(r));
add("http2-version", "GET ... HTTP/2.0 as text", "505 or 400 or close", (c) => `GET ${HSQ(c)} HTTP/2.0\r\n${H(c)}\r\n`, (r) => refused(r) || status(r) === 505);
add("http-version-garbage", "GET ... HTTP/1.x", "400/505 or close", (c) => `GET ${HSQ(c)} HTTP/1.x\r\n${H(c)}\r\n`, (r) => refused(r) || status(r) === 505);
add("http11-no-host", "HTTP/1.1 request without Host", "400 (RFC 9112 3.2: MUST respond 400; Node does)", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n\r\n`, (r) => status(r) === 400 || (!r.res && r.closed));
add("duplicate-host", "two Host headers", "400 (RFC 9112 3.2)", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}Host: evil.example\r\n\r\n`, (r) => refused(r));
// ---- headers ----
add("space-before-colon", "'Content-Length : 5' on a POST", "400 (RFC 9112 5.1: MUST reject)", (c) => `POST ${HSQ(c, { sid: "x" })} HTTP/1.1\r\n${H(c)}Content-Length : 5\r\n\r\n4abcd`, refused);
add("obs-fold", "a header continued on the next line (obs-fold)", "400 or the fold treated as a space, never a 5xx", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}X-A: a\r\n b\r\n\r\n`, (r) => refused(r) || handshakeOk(r));
add("bare-lf", "request with bare LF line ends", "400 or a normal answer, never a 5xx or a hang", (c) => `GET ${HSQ(c)} HTTP/1.1\n${H(c).replace("\r", "")}\n`, (r) => refused(r) || handshakeOk(r));
add("nul-in-header", "a NUL byte in a header value", "400", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}X-A: a\x00b\r\n\r\n`, refused);
add("cr-in-header", "a lone CR inside a header value", "400", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}X-A: a\rb\r\n\r\n`, refused);
add("header-no-colon", "a header line without a colon", "400", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}NoColonHere\r\n\r\n`, refused);
add("header-flood-10000", "10 000 small headers (about 130 KB)", "431 or 400, or close", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}${Array.from({ length: 10000 }, (_, i) => `X-H${i}: v\r\n`).join("")}\r\n`, refused);
add("header-huge-100k", "one 100 KiB header value", "431 or 400, or close", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}X-Big: ${"a".repeat(100 * 1024)}\r\n\r\n`, refused);
add("cookie-flood", "500 Cookie headers of 100 bytes", "431 or 400, or close", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}${Array.from({ length: 500 }, (_, i) => `Cookie: c${i}=${"v".repeat(95)}\r\n`).join("")}\r\n`, refused);
add("cookie-huge", "one 64 KiB Cookie header", "431 or 400, or close", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}Cookie: io=${"x".repeat(64 * 1024)}\r\n\r\n`, refused);
add("uri-huge-100k", "a 100 KiB request URI", "414 or 431/400, or close", (c) => `GET ${HSQ(c)}&pad=${"a".repeat(100 * 1024)} HTTP/1.1\r\n${H(c)}\r\n`, refused);
add("uri-many-params", "a handshake with 5000 query parameters (about 40 KiB)", "a handshake or a 4xx, fast; never a 5xx", (c) => `GET ${HSQ(c)}&${Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join("&")} HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || refused(r));
// ---- query strings ----
add("query-bad-percent", "handshake with x=%zz%", "a handshake or 400, never a 5xx", (c) => `GET ${HSQ(c)}&x=%zz% HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || status(r) === 400);
add("query-bad-utf8", "handshake with x=%C3%28 (invalid UTF-8)", "a handshake or 400, never a 5xx", (c) => `GET ${HSQ(c)}&x=%C3%28 HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || status(r) === 400);
add("query-encoded-eio", "EIO=%34 (percent-encoded 4)", "a handshake (it decodes to 4) or 400", (c) => `GET ${c.sio}?EIO=%34&transport=polling HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || status(r) === 400);
add("query-duplicate-eio", "EIO=4&EIO=3", "400 (ambiguous) or the first value; never a 5xx", (c) => `GET ${c.sio}?EIO=4&EIO=3&transport=polling HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || status(r) === 400);
add("query-duplicate-transport", "transport=polling&transport=websocket", "400 or a polling handshake; never a 5xx", (c) => `GET ${c.sio}?EIO=4&transport=polling&transport=websocket HTTP/1.1\r\n${H(c)}\r\n`, (r) => handshakeOk(r) || status(r) === 400);
add("query-eio-missing", "no EIO parameter", "400 {code 5 'Unsupported protocol version'}", (c) => `GET ${c.sio}?transport=polling HTTP/1.1\r\n${H(c)}\r\n`, (r) => status(r) === 400);
for (const [n, v] of [["5", "5"], ["abc", "abc"], ["4.0", "4.0"], ["empty", ""], ["3", "3"], ["neg", "-4"], ["huge", "9".repeat(40)]]) {
  add(`query-eio-${n}`, `EIO=${v.slice(0, 12)}`, "400 {code 5} (unsupported protocol version)", (c) => `GET ${c.sio}?EIO=${v}&transport=polling HTTP/1.1\r\n${H(c)}\r\n`, (r) => status(r) === 400);
}
for (const [n, v] of [["empty", ""], ["unknown", "carrier-pigeon"], ["nul", "polling%00"], ["case", "POLLING"], ["webtransport", "webtransport"]]) {
  add(`query-transport-${n}`, `transport=${v}`, "400 {code 0 'Transport unknown'} (or 400 Bad request)", (c) => `GET ${c.sio}?EIO=4&transport=${v} HTTP/1.1\r\n${H(c)}\r\n`, (r) => status(r) === 400);
}
add("query-no-transport", "no transport parameter", "400 {code 0}", (c) => `GET ${c.sio}?EIO=4 HTTP/1.1\r\n${H(c)}\r\n`, (r) => status(r) === 400);
add("query-no-query", "GET /socket.io/ with no query", "400", (c) => `GET ${c.sio} HTTP/1.1\r\n${H(c)}\r\n`, (r) => status(r) === 400);
add("path-traversal", "GET /socket.io/../../etc/passwd", "404 or 400, never a file", (c) => `GET ${c.sio}../../etc/passwd HTTP/1.1\r\n${H(c)}\r\n`, (r) => (refused(r) && !/root:/.test(r.res ? r.res.body.toString() : "")));
add("path-encoded-slash", "GET /socket.io%2F?EIO=4&transport=polling", "404/400 or a handshake; never a 5xx", (c) => `GET /socket.io%2F?EIO=4&transport=polling HTTP/1.1\r\n${H(c)}\r\n`, (r) => refused(r) || handshakeOk(r));
// ---- body framing and smuggling shapes ----
const POST = (c, sid, hdrs, body) => `POST ${eio.q(c.engine, { sid })} HTTP/1.1\r\n${H(c)}Content-Type: text/plain\r\n${hdrs}\r\n${body}`;
add("cl-te-both", "POST with Content-Length and Transfer-Encoding: chunked", "400 and close (RFC 9112 6.1: MAY reject, MUST close)", (c) => POST(c, "x", "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nG"), async (r) => refused(r) && (await r.conn.waitClose(2000)));
add("cl-duplicate-differ", "two Content-Length headers, 5 and 6", "400 (RFC 9110 8.6)", (c) => POST(c, "x", "Content-Length: 5\r\nContent-Length: 6\r\n", "4abcde"), refused);
add("cl-comma-list", "Content-Length: 5, 6", "400", (c) => POST(c, "x", "Content-Length: 5, 6\r\n", "4abcde"), refused);
add("cl-negative", "Content-Length: -1", "400", (c) => POST(c, "x", "Content-Length: -1\r\n", "4a"), refused);
add("cl-plus-sign", "Content-Length: +5", "400", (c) => POST(c, "x", "Content-Length: +5\r\n", "4abcd"), refused);
add("cl-hex", "Content-Length: 0x5", "400", (c) => POST(c, "x", "Content-Length: 0x5\r\n", "4abcd"), refused);
add("cl-overflow", "Content-Length: 99999999999999999999999", "400 or 413", (c) => POST(c, "x", "Content-Length: 99999999999999999999999\r\n", "4abcd"), refused);
add("te-not-chunked-last", "Transfer-Encoding: chunked, identity", "400 (501 allowed) and close", (c) => POST(c, "x", "Transfer-Encoding: chunked, identity\r\n", "5\r\n4abcd\r\n0\r\n\r\n"), (r) => refused(r) || status(r) === 501);
add("te-unknown", "Transfer-Encoding: xchunked", "400 or 501", (c) => POST(c, "x", "Transfer-Encoding: xchunked\r\n", "5\r\n4abcd\r\n0\r\n\r\n"), (r) => refused(r) || status(r) === 501);
add("te-http10", "HTTP/1.0 POST with Transfer-Encoding: chunked", "400 or close (RFC 9112 6.1)", (c) => `POST ${eio.q(c.engine, { sid: "x" })} HTTP/1.0\r\n${H(c)}Transfer-Encoding: chunked\r\n\r\n5\r\n4abcd\r\n0\r\n\r\n`, refused);
add("chunk-size-overflow", "chunk size FFFFFFFFFFFFFFFFFF", "400 or 413, and close", (c) => POST(c, "x", "Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFFFF\r\n4abcd\r\n"), refused, { listed: "chunked framing errors" });
add("chunk-size-not-hex", "chunk size 'zz'", "400 and close", (c) => POST(c, "x", "Transfer-Encoding: chunked\r\n", "zz\r\n4abcd\r\n0\r\n\r\n"), refused, { listed: "chunked framing errors" });
add("get-body-smuggle", "GET handshake with Content-Length whose body is another request", "exactly one answer: the body is a body, not a second request", (c) => {
  const inner = `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}\r\n`;
  return `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}Content-Length: ${inner.length}\r\n\r\n${inner}`;
}, (r) => r.all.length <= 1 && (handshakeOk(r) || refused(r)), { n: 2, wait: 1500 });
// ---- Expect ----
add("expect-unknown", "POST with Expect: bogus", "417 (RFC 9110 10.1.1) or 4xx; never a 5xx", (c) => POST(c, "x", "Expect: bogus\r\nContent-Length: 2\r\n", "4a"), refused);
add("expect-100-oversize", "POST with Expect: 100-continue and Content-Length over maxHttpBufferSize", "413 (after a 100 Continue or, better, without one), never a 200/5xx", (c) => POST(c, "x", `Expect: 100-continue\r\nContent-Length: ${c.limits.maxPayload + 1}\r\n`, ""), (r) => {
  const final = r.all.find((x) => x.status !== 100);
  return !!final && final.status >= 400 && final.status < 500;
}, { n: 2, wait: 2000 });
// ---- preflights ----
add("options-preflight", "OPTIONS preflight for the Socket.IO path", "204/200 (CORS on) or 4xx (CORS off); never a 5xx or a session", (c) => `OPTIONS ${HSQ(c)} HTTP/1.1\r\n${H(c)}Origin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: x-${"a".repeat(8000)}\r\n\r\n`, (r) => r.res && r.res.status < 500);
add("head-handshake", "HEAD on the handshake", "4xx, or a 200 without a body; never a 5xx", (c) => `HEAD ${HSQ(c)} HTTP/1.1\r\n${H(c)}\r\n`, async (r) => {
  if (!r.res) return r.closed;
  if (r.res.status >= 400 && r.res.status < 500) return true;
  return r.res.status === 200 && r.res.body.length === 0;
});
add("trace-method", "TRACE /socket.io/ (no sid)", "4xx (405), never an echo of the request", (c) => `TRACE ${c.sio} HTTP/1.1\r\n${H(c)}X-Secret: s3cret\r\n\r\n`, (r) => (refused(r) || status(r) === 501) && !(r.res && r.res.body.toString().includes("s3cret")));

for (const [n, path] of [["dotdot", "/../../../../etc/passwd"], ["encoded-dotdot", "/%2e%2e/%2e%2e/etc/passwd"], ["chat-js-dotdot", "/chat.js/../../../etc/passwd"], ["backslash", "/..%5c..%5cetc%5cpasswd"], ["client-bundle-dotdot", "/socket.io/../../../../etc/passwd"]]) {
  add(`static-traversal-${n}`, `GET ${path}`, "404 or 400, never a file from disk", (c) => `GET ${path} HTTP/1.1\r\n${H(c)}\r\n`, (r) => r.res && r.res.status >= 400 && r.res.status < 500 && !/root:/.test(r.res.body.toString()));
}
add("static-range-request", "GET / with Range: bytes=0-0,1-1,2-2 (many ranges)", "200 or 206 or 416; never a 5xx", (c) => `GET / HTTP/1.1\r\n${H(c)}Range: bytes=${Array.from({ length: 200 }, (_, i) => `${i}-${i}`).join(",")}\r\n\r\n`, (r) => r.res && r.res.status < 500);
add("host-empty", "Host: (empty) on a handshake", "400 or a handshake; never a 5xx", (c) => `GET ${HSQ(c)} HTTP/1.1\r\nHost:\r\n\r\n`, (r) => refused(r) || handshakeOk(r));
add("header-name-invalid-chars", "a header name with a space and a colon-less token ('X Bad: 1')", "400 (RFC 9110 5.1 token)", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}X Bad: 1\r\n\r\n`, refused);
add("content-length-on-get-huge", "a handshake GET announcing Content-Length: 100000000 with no body", "a handshake answer or 400/413; the connection not held for the body forever (closed within 3 s or answered)", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}Content-Length: 100000000\r\n\r\n`, (r) => !!r.res || r.closed);

// ---- cases with more than one exchange ----
add("uri-fragment", "a handshake URI with a #fragment", "400 or a handshake; never a 5xx", (c) => `GET ${HSQ(c)}#frag HTTP/1.1\r\n${H(c)}\r\n`, (r) => refused(r) || handshakeOk(r));
add("uri-raw-non-ascii", "raw non-ASCII bytes (0xFF 0xFE) in the request target", "400 (RFC 3986: not a valid URI) or a handshake; never a 5xx", (c) => Buffer.concat([Buffer.from(`GET ${c.sio}?EIO=4&transport=polling&x=`), Buffer.from([0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\n${H(c)}\r\n`)]), (r) => refused(r) || handshakeOk(r));
add("header-name-8k", "a header whose name is 8 KiB long", "431/400 or a normal answer; never a 5xx", (c) => `GET ${HSQ(c)} HTTP/1.1\r\n${H(c)}${"X".repeat(8192)}: 1\r\n\r\n`, (r) => refused(r) || handshakeOk(r));
add("query-lowercase-eio", "eio=4 (lower-case parameter name)", "400 {code 5}: parameter names are case-sensitive", (c) => `GET ${c.sio}?eio=4&transport=polling HTTP/1.1\r\n${H(c)}\r\n`, (r) => status(r) === 400);
CASES.push({
  name: "post-gzip-bomb",
  what: "POST with Content-Encoding: gzip whose body inflates to 100 MB (100 KB on the wire)",
  expect: "never inflated past maxHttpBufferSize: 415/400/413, or the bytes taken as they are (a parse error closes the session); the server stays up",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const p = await eio.post(ctx.t, ctx.engine, hs.sid, bomb, { headers: { "Content-Encoding": "gzip" }, ms: 8000 });
    return verdict(!p.res || p.res.status < 500, `${describe(p)} (${bomb.length} bytes sent)`);
  },
});
CASES.push({
  name: "cors-credentials-any-origin",
  what: "a handshake with Origin: http://evil.example and a cookie",
  expect: "never both the evil origin reflected and Access-Control-Allow-Credentials: true (any site could read the session); no CORS headers at all without a CORS option",
  run: async (ctx) => {
    const r = await raw.request(ctx.t, "GET", HSQ(ctx), { headers: { Origin: "http://evil.example", Cookie: "io=abc" } });
    const h = r.res ? r.res.headers : {};
    const acao = h["access-control-allow-origin"];
    const acac = h["access-control-allow-credentials"];
    const bad = acao === "http://evil.example" && /true/i.test(acac || "");
    return verdict(r.res && !bad, `ACAO=${acao || "-"} ACAC=${acac || "-"}`);
  },
});
CASES.push({
  name: "get-with-20mb-body",
  what: "a handshake GET that really sends a 20 MB body (Content-Length: 20000000)",
  expect: "the handshake answered (the body discarded, not buffered) or 413/400 and a close; the server stays up",
  ms: 30000,
  run: async (ctx) => {
    const c = await raw.connect(ctx.t);
    const size = 20_000_000;
    await c.write(`GET ${HSQ(ctx)} HTTP/1.1\r\n${H(ctx)}Content-Length: ${size}\r\n\r\n`);
    const chunk = Buffer.alloc(1 << 20, 0x61);
    let sent = 0;
    const deadline = Date.now() + 15000;
    while (sent < size && !c.closed && !c.ended && Date.now() < deadline) {
      await c.write(chunk);
      sent += chunk.length;
      if (raw.parseResponses(c.data).length) break;
    }
    await c.until(raw.responses(1), 3000);
    const res = raw.parseResponses(c.data)[0];
    c.destroy();
    const ok = res ? res.status === 200 || (res.status >= 400 && res.status < 500) : c.closed;
    return verdict(ok, `${res ? res.status : c.closed ? "closed" : "no answer"} after ${Math.round(sent / 1e6)} MB sent`);
  },
});
CASES.push({
  name: "pipelined-order",
  what: "three pipelined requests: handshake, bad transport, handshake",
  expect: "three answers in request order: 200, 400, 200",
  run: async (ctx) => {
    const h = `GET ${HSQ(ctx)} HTTP/1.1\r\n${H(ctx)}\r\n`;
    const bad = `GET ${ctx.sio}?EIO=4&transport=nope HTTP/1.1\r\n${H(ctx)}\r\n`;
    const r = await raw.rawRequest(ctx.t, h + bad + h, { n: 3, ms: 3000 });
    const s = r.res.map((x) => x.status);
    return verdict(s.join(",") === "200,400,200", s.join(",") || "no answer");
  },
});
CASES.push({
  name: "pipelined-posts-same-sid",
  what: "two POSTs to one session pipelined on one connection",
  expect: "both answered 200 'ok' in turn (they do not overlap: the second starts after the first)",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const p = (b) => POST(ctx, hs.sid, `Content-Length: ${b.length}\r\n`, b);
    const r = await raw.rawRequest(ctx.t, p("4one") + p("4two"), { n: 2, ms: 3000 });
    const s = r.res.map((x) => `${x.status} ${x.body.toString()}`);
    return verdict(s.length === 2 && s.every((x) => x === "200 ok"), s.join(" / ") || "no answer");
  },
});
CASES.push({
  name: "expect-100-continue",
  what: "POST with Expect: 100-continue, waiting for 100 before the body",
  expect: "100 Continue, then 200 ok after the body",
  run: async (ctx) => {
    const hs = await eio.handshake(ctx.t, ctx.engine);
    const c = await raw.connect(ctx.t);
    await c.write(POST(ctx, hs.sid, "Expect: 100-continue\r\nContent-Length: 6\r\n", ""));
    const got100 = await c.until((x) => x.data.toString().startsWith("HTTP/1.1 100"), 1500);
    await c.write("4hello");
    await c.until((x) => /HTTP\/1\.1 200/.test(x.data.toString()), 2000);
    const text = c.data.toString();
    c.destroy();
    // no 100 but a 200 is allowed too (RFC 9110 10.1.1: a server MAY omit it and read the body)
    return verdict(/HTTP\/1\.1 200[^]*ok$/.test(text), (got100 ? "100 then " : "no 100, ") + (text.match(/HTTP\/1\.1 (\d+)/g) || []).join(" "));
  },
});
CASES.push({
  name: "options-flood-pipelined",
  what: "300 OPTIONS preflights pipelined on one connection",
  expect: "all answered (or the connection closed), none with a 5xx",
  run: async (ctx) => {
    const one = `OPTIONS ${HSQ(ctx)} HTTP/1.1\r\n${H(ctx)}Origin: http://a.example\r\nAccess-Control-Request-Method: GET\r\n\r\n`;
    const r = await raw.rawRequest(ctx.t, one.repeat(300), { n: 300, ms: 5000 });
    const bad = r.res.filter((x) => x.status >= 500).length;
    return verdict(bad === 0 && (r.res.length === 300 || r.closed), `${r.res.length} answers, ${bad} 5xx${r.closed ? ", closed" : ""}`);
  },
});
CASES.push({
  name: "after-400-keepalive",
  what: "a 400 (bad transport), then a valid handshake on the same connection",
  expect: "400, then either a 200 or the connection closed after the 400",
  run: async (ctx) => {
    const bad = `GET ${ctx.sio}?EIO=4&transport=nope HTTP/1.1\r\n${H(ctx)}\r\n`;
    const h = `GET ${HSQ(ctx)} HTTP/1.1\r\n${H(ctx)}\r\n`;
    const r = await raw.rawRequest(ctx.t, bad + h, { n: 2, ms: 3000 });
    const s = r.res.map((x) => x.status);
    return verdict(s[0] === 400 && (s[1] === 200 || (s.length === 1 && r.closed)), s.join(",") + (r.closed ? " closed" : ""));
  },
});
CASES.push({
  name: "h2c-upgrade",
  what: "a handshake GET with Upgrade: h2c",
  expect: "the upgrade is ignored: a normal 200 handshake (or 4xx), never a 101",
  run: async (ctx) => {
    const r = await raw.rawRequest(ctx.t, `GET ${HSQ(ctx)} HTTP/1.1\r\n${H(ctx)}Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`, { ms: 3000 });
    const res = r.res[0];
    return verdict(res && res.status !== 101 && res.status < 500, describe({ res, closed: r.closed }));
  },
});

module.exports = CASES;
