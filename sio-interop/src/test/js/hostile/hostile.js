#!/usr/bin/env node
// The hostile-client catalogue: runs each case against a live Engine.IO v4 / Socket.IO v5 server
// with two well-behaved bystanders, and prints one PASS/FAIL line per case and a summary.
//
//   node hostile.js --url http://127.0.0.1:3000 [--case NAME[,NAME..] | --class CLASS]
//                   [--profile fixture|demo] [--json FILE] [--list] [--settle-max MS]
//                   [--from NAME] [--skip NAME,..] [--retry] [--spawn "SERVER COMMAND" [--log FILE]]
//
// --spawn starts the server itself (a shell command that listens on --url), waits for it, and
// starts it again when a case takes it down: that case fails with "THE SERVER IS DOWN" and the
// run goes on. The server is stopped (its process group) at the end. --retry runs a failed case
// once more (a loaded machine can delay a bystander's ack); it fails only if it fails twice.
//
// --profile: fixture (./sio fixture: an Engine.IO echo at /engine.io/, the suite's Socket.IO at
// /socket.io/) or demo (./sio demo); by default guessed (an answer at /engine.io/ means fixture).
// When the server answers GET /sio-stats (./sio fixture --stats; node-fixture.js --stats), each
// case also checks that the Engine.IO and Socket.IO client counts return to their baseline.
// Loopback targets only. See README.md beside this file.
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const raw = require("./lib/raw");
const eio = require("./lib/eio");
const { spawn } = require("node:child_process");
const { Bystander } = require("./lib/bystander");

const CASE_FILES = ["tcp", "http", "ws", "eio", "sio"];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function loadCases() {
  const all = [];
  for (const f of CASE_FILES) {
    for (const c of require(`./cases/${f}`)) all.push({ ...c, cls: c.cls || f });
  }
  const names = new Set();
  for (const c of all) {
    if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    names.add(c.name);
  }
  return all;
}

function getJson(t, path, ms = 1000) {
  return new Promise((resolve) => {
    const req = http.get({ host: t.host, port: t.port, path, agent: false, timeout: ms }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        try {
          resolve(res.statusCode === 200 ? JSON.parse(body) : null);
        } catch {
          resolve(null);
        }
      });
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

// GET /sio-stats: {"clientsCount": N, "sockets"?: N} (`./sio fixture --stats`, node-fixture.js --stats)
const STATS = "/sio-stats";
const total = (s) => (s ? (s.clientsCount || 0) + (s.sockets || 0) : 0);
const fmt = (s) => (s ? `clientsCount ${s.clientsCount}${s.sockets === undefined ? "" : ", sockets " + s.sockets}` : "n/a");

/** The server started by --spawn, in its own process group: start() waits until it answers. */
function spawned(cmd, t, logFile) {
  let child = null;
  const log = logFile ? fs.openSync(logFile, "a") : "ignore";
  const stop = () => {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    child = null;
  };
  const start = async () => {
    stop();
    child = spawn("sh", ["-c", cmd], { detached: true, stdio: ["pipe", log, log] });
    const deadline = Date.now() + 90000; // a first ./sio run may build the jar
    while (Date.now() < deadline) {
      const ws = await eio.wsSession(t, "/socket.io/").catch(() => ({}));
      if (ws.conn) ws.conn.destroy();
      if (ws.sid) return;
      await raw.sleep(300);
    }
    throw new Error(`--spawn: the server did not answer within 90 s: ${cmd}`);
  };
  process.on("exit", stop);
  return { start, stop };
}

async function main() {
  const cases = loadCases();
  if (process.argv.includes("--list")) {
    for (const c of cases) console.log(`${c.cls}.${c.name}\t${c.what}\t=> ${c.expect}`);
    console.log(`${cases.length} cases`);
    return;
  }
  const url = new URL(arg("--url", "http://127.0.0.1:3000"));
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) {
    console.error(`hostile: loopback targets only (got ${url.hostname})`);
    process.exit(2);
  }
  const t = { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 80), hostHeader: url.host };
  const spawnCmd = arg("--spawn", null);
  const server = spawnCmd ? spawned(spawnCmd, t, arg("--log", null)) : null;
  if (server) await server.start();
  let profile = arg("--profile", null);
  if (!profile) {
    const { res } = await raw.request(t, "GET", eio.q("/engine.io/"));
    profile = res && res.status === 200 ? "fixture" : "demo";
  }
  const hs = await eio.handshake(t, "/socket.io/");
  if (!hs.sid) {
    console.error("hostile: no Socket.IO handshake at " + url.href + "socket.io/");
    process.exit(2);
  }
  const limits = { pingInterval: hs.open.pingInterval, pingTimeout: hs.open.pingTimeout, maxPayload: hs.open.maxPayload };
  const ctx = { t, url: url.origin, profile, sio: "/socket.io/", eio: profile === "fixture" ? "/engine.io/" : null, limits };
  // an acked Socket.IO event that the profile's server answers: [packet args, check of the reply]
  ctx.probe = profile === "demo" ? ["join", { room: "hostile", nickname: "hostile" }] : ["message-with-ack", "probe"];
  ctx.engine = ctx.eio || ctx.sio; // the path for Engine.IO-only cases
  ctx.stats = () => getJson(t, STATS); // the server's counts, or null without the stats route
  const only = arg("--case", null);
  const cls = arg("--class", null);
  let selected = cases.filter((c) => !c.profiles || c.profiles.includes(profile));
  if (only) {
    const wanted = new Set(only.split(","));
    selected = selected.filter((c) => wanted.has(c.name) || wanted.has(`${c.cls}.${c.name}`));
  }
  if (cls) selected = selected.filter((c) => c.cls === cls);
  const from = arg("--from", null);
  if (from) selected = selected.slice(Math.max(0, selected.findIndex((c) => c.name === from || `${c.cls}.${c.name}` === from)));
  const skip = new Set((arg("--skip", "") || "").split(",").filter(Boolean));
  selected = selected.filter((c) => !skip.has(c.name) && !skip.has(`${c.cls}.${c.name}`));
  const settleMax = Number(arg("--settle-max", String(Math.min(limits.pingInterval + limits.pingTimeout + 1500, 4000))));

  const bystanders = [new Bystander(ctx.url, profile, "websocket"), new Bystander(ctx.url, profile, "polling")];
  await Promise.all(bystanders.map((b) => b.ready));
  await raw.sleep(300);
  const base = await getJson(t, STATS); // the bystanders alone
  const statsOn = base !== null;
  const baseline = total(base);
  console.log(
    `hostile: ${url.origin} profile=${profile} pingInterval=${limits.pingInterval} pingTimeout=${limits.pingTimeout} ` +
      `maxPayload=${limits.maxPayload} stats=${statsOn ? "on" : "off (no /sio-stats: client counts not checked)"} cases=${selected.length}`,
  );

  const results = [];
  const pendingLeaks = [];
  let down = null; // the case after which the server stopped answering
  const retry = process.argv.includes("--retry");
  // Runs one case with its checks (client counts back, bystanders unharmed, server alive).
  const runCase = async (c) => {
    const ready = Date.now() + 5000;
    while (bystanders.some((b) => !b.socket.connected) && Date.now() < ready) await raw.sleep(100);
    const before = statsOn ? await getJson(t, STATS) : null;
    const limit = Math.max(total(before), baseline); // a reconnecting bystander may be missing
    const start = Date.now();
    let outcome;
    try {
      outcome = await Promise.race([
        c.run(ctx),
        raw.sleep(c.ms || 20000).then(() => ({ pass: false, obs: `case did not finish in ${c.ms || 20000} ms` })),
      ]);
    } catch (e) {
      outcome = { pass: false, obs: `case threw ${(e && e.stack) || e}`.split("\n")[0] };
    }
    raw.destroyAll();
    const notes = [];
    let pass = !!outcome.pass;
    let leak = null;
    // client counts back to the baseline
    let after = null;
    if (statsOn && before) {
      const deadline = Date.now() + settleMax;
      for (;;) {
        after = await getJson(t, STATS);
        if (after && total(after) <= limit) break;
        if (Date.now() > deadline) break;
        await raw.sleep(100);
      }
      if (!after) {
        pass = false;
        notes.push("stats route did not answer");
      } else if (total(after) > limit) {
        notes.push(`clients ${fmt(before)} -> ${fmt(after)} after ${settleMax} ms`);
        leak = { name: c.name, before };
      }
    }
    const problems = bystanders.flatMap((b) => b.problems(start));
    if (problems.length) {
      pass = false;
      notes.push("bystander: " + problems.slice(0, 3).join("; "));
    }
    // the server must still answer: the stats route, or else a WebSocket handshake (closed at once)
    const isLive = async () => {
      if (statsOn) return (await getJson(t, STATS, 2000)) !== null;
      const ws = await eio.wsSession(t, "/socket.io/").catch(() => ({}));
      const ok = !!ws.sid;
      if (ws.conn) ws.conn.destroy();
      await raw.sleep(50);
      return ok;
    };
    let crashed = false;
    if (!(await isLive())) {
      await raw.sleep(1000);
      if (!(await isLive())) {
        pass = false;
        crashed = true;
        notes.push("THE SERVER IS DOWN (no handshake answer)" + (server ? "; restarted" : ""));
        if (server) {
          await server.start();
          const deadline = Date.now() + 15000;
          while (bystanders.some((b) => !b.socket.connected) && Date.now() < deadline) await raw.sleep(100);
          await raw.sleep(500);
        } else down = `${c.cls}.${c.name}`;
      }
    }
    const r = { name: `${c.cls}.${c.name}`, cls: c.cls, listed: c.listed || null, what: c.what, expect: c.expect, pass, obs: outcome.obs, notes, ms: Date.now() - start };
    return { r, leak, crashed };
  };
  for (const c of selected) {
    if (down) {
      results.push({ name: `${c.cls}.${c.name}`, cls: c.cls, listed: c.listed || null, what: c.what, expect: c.expect, pass: false, obs: `not run: the server went down during ${down}`, notes: [] });
      continue;
    }
    let { r, leak, crashed } = await runCase(c);
    // --retry: a failure that is not a crash is tried once more; it counts only if it fails again
    if (retry && !r.pass && !crashed && !down) {
      const first = `${r.obs}${r.notes.length ? " | " + r.notes.join(" | ") : ""}`;
      ({ r, leak } = await runCase(c));
      r.firstTry = first;
      if (r.pass) r.notes.push(`flaky: failed once (${first.slice(0, 120)})`);
    }
    if (leak) pendingLeaks.push(leak);
    results.push(r);
    console.log(`${r.pass ? "PASS" : "FAIL"} ${r.name}: ${r.obs}${r.notes.length ? " | " + r.notes.join(" | ") : ""}`);
  }

  if (down) console.log(`hostile: the server went down during ${down}; ${results.filter((r) => /^not run/.test(r.obs)).length} cases not run (use --from to go on after a restart)`);
  // A case that left clients behind gets until the longest heartbeat ends to see them go.
  if (pendingLeaks.length) {
    const deadline = Date.now() + limits.pingInterval + limits.pingTimeout + 3000;
    let s = null;
    for (;;) {
      s = await getJson(t, STATS);
      if (s && total(s) <= baseline) break;
      if (Date.now() > deadline) break;
      await raw.sleep(250);
    }
    const recovered = s && total(s) <= baseline;
    for (const p of pendingLeaks) {
      const r = results.find((x) => x.name.endsWith("." + p.name));
      if (!recovered && r.pass) {
        r.pass = false;
        console.log(`FAIL ${r.name}: clients still above the baseline after the heartbeat deadline (${fmt(s)})`);
      }
    }
    if (recovered) console.log(`hostile: the clients left by ${pendingLeaks.length} case(s) were gone after the heartbeat deadline`);
  }

  for (const b of bystanders) b.close();
  if (server) server.stop();
  const passed = results.filter((r) => r.pass).length;
  const failed = results.length - passed;
  const jsonFile = arg("--json", null);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ url: url.origin, profile, results }, null, 1));
  console.log(`${passed} passed, ${failed} failed`);
  setTimeout(() => process.exit(failed ? 1 : 0), 100);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
