// The line protocol between a node script and the Java test harness (NodeScript.java):
// a script prints one JSON object per line on stdout, with an "event" field, and reads one
// JSON command per line on stdin. Binary values travel as {"$bin": "<base64>"}.
"use strict";

const readline = require("node:readline");

/** Prints one JSON line: {"event": event, ...fields}. */
function out(event, fields = {}) {
  process.stdout.write(JSON.stringify({ event, ...toJson(fields) }) + "\n");
}

/** Buffers, ArrayBuffers and typed arrays become {"$bin": base64}, recursively. */
function toJson(value) {
  if (Buffer.isBuffer(value)) return { $bin: value.toString("base64") };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString("base64") };
  if (ArrayBuffer.isView(value)) {
    return { $bin: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === "object") {
    const copy = {};
    for (const [k, v] of Object.entries(value)) copy[k] = toJson(v);
    return copy;
  }
  return value;
}

/** {"$bin": base64} becomes a Buffer, recursively. */
function fromJson(value) {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value && typeof value === "object") {
    if (typeof value.$bin === "string" && Object.keys(value).length === 1) {
      return Buffer.from(value.$bin, "base64");
    }
    const copy = {};
    for (const [k, v] of Object.entries(value)) copy[k] = fromJson(v);
    return copy;
  }
  return value;
}

/**
 * Calls handler(command) for each JSON line on stdin; when stdin closes (the Java side is done
 * or gone) calls onEnd, which by default exits the process.
 */
function onCommands(handler, onEnd = () => process.exit(0)) {
  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", async (line) => {
    if (!line.trim()) return;
    let command;
    try {
      command = JSON.parse(line);
    } catch (e) {
      out("error", { message: `not a JSON command: ${line}` });
      return;
    }
    try {
      await handler(command);
    } catch (e) {
      out("error", { command, message: String((e && e.stack) || e) });
    }
  });
  rl.on("close", onEnd);
}

/** The value of "--name value" in process.argv, or fallback. */
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

process.on("uncaughtException", (e) => {
  out("error", { message: String((e && e.stack) || e) });
  process.exit(70);
});

module.exports = { out, toJson, fromJson, onCommands, arg };
