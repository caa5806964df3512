// Generates the Engine.IO WebTransport framing vectors from the real npm engine.io-parser.
//
//   mkdir -p /tmp/stream-vectors && cd /tmp/stream-vectors
//   npm install engine.io-parser@5.2.3
//   node generate-stream-vectors.js > engineio-stream.json
//
// engine.io-parser 5.2.3 is what `npm install engine.io@6.6.x` resolves ("~5.2.1") today; its
// createPacketEncoderStream / createPacketDecoderStream frame packets on a WebTransport stream.
// Generated file: sio-protocol/src/test/resources/vectors/engineio-stream.json.
//
// "encode": a packet and the two chunks Node's encoder writes for it (header, payload), in hex.
// "decode": stream bytes (hex), the maxPayload given to the decoder, and what Node's decoder
// yields for them fed as one chunk: the packets up to and including the first "error" packet.
// Binary data is {"$bin":"<hex>"}; a large binary of n bytes (byte i = i & 0xff) is {"$range":n};
// any other encoded payload over 4096 bytes is {"$sha256":"<hex>","length":n}.
"use strict";

const path = require("path");
const fs = require("fs");
const { createPacketEncoderStream, createPacketDecoderStream } = require("engine.io-parser");

const version = JSON.parse(
  fs.readFileSync(path.join(__dirname, "node_modules", "engine.io-parser", "package.json"), "utf8"),
).version;

// mulberry32, fixed seed: the same file every run
let seed = 0x5107e5;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (array) => array[int(array.length)];

const range = (n) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = i & 0xff;
  return b;
};
const isRange = (b) => b.length > 4096 && b.equals(range(b.length));
const hex = (b) => Buffer.from(b).toString("hex");
const bin = (b) => (isRange(Buffer.from(b)) ? { $range: b.length } : { $bin: hex(b) });

function portable(packet) {
  const out = { type: packet.type };
  if (packet.data !== undefined) out.data = typeof packet.data === "string" ? packet.data : bin(packet.data);
  return out;
}

async function encode(packet) {
  const stream = createPacketEncoderStream();
  const writer = stream.writable.getWriter();
  writer.write(packet);
  writer.close();
  const chunks = [];
  const reader = stream.readable.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
  }
  if (chunks.length !== 2) throw new Error("expected header and payload, got " + chunks.length);
  const payload = chunks[1];
  if (isRange(payload)) return { header: hex(chunks[0]), payload: { $range: payload.length } };
  if (payload.length > 4096) {
    const sha256 = require("crypto").createHash("sha256").update(payload).digest("hex");
    return { header: hex(chunks[0]), payload: { $sha256: sha256, length: payload.length } };
  }
  return { header: hex(chunks[0]), payload: hex(payload) };
}

async function decode(bytes, maxPayload) {
  const stream = createPacketDecoderStream(maxPayload, "nodebuffer");
  const writer = stream.writable.getWriter();
  writer.write(Uint8Array.from(bytes)).catch(() => {});
  writer.close().catch(() => {});
  const packets = [];
  const reader = stream.readable.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    packets.push(portable(value));
    if (value.type === "error") break;
  }
  return packets;
}

const TYPES = ["open", "close", "ping", "pong", "message", "upgrade", "noop"];
const CHARS = ["a", "Z", "0", " ", "{", "\"", "é", "€", "世", "😀", "\u0000", "\u001e", "\u007f", "\u0080", "\ufeff", "\ufffd", "\ud800", "\udfff"];

function randomText(maxLength) {
  const n = int(maxLength + 1);
  let s = "";
  for (let i = 0; i < n; i++) s += pick(CHARS);
  return s;
}

function randomBytes(n) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
}

function randomPacket() {
  const roll = random();
  if (roll < 0.3) return { type: "message", data: randomBytes(pick([0, 1, 2, 125, 126, 127, 200, int(70), int(300)])) };
  const type = pick(TYPES);
  if (random() < 0.2) return { type };
  return { type, data: randomText(pick([3, 10, 50, 130])) };
}

async function main() {
  const fixed = [
    ["text 4hello", { type: "message", data: "hello" }],
    ["binary [1,2,3]", { type: "message", data: Buffer.from([1, 2, 3]) }],
    ["binary of 1000000 bytes", { type: "message", data: range(1000000) }],
    ["client handshake", { type: "open" }],
    [
      "server open packet",
      { type: "open", data: '{"sid":"AAAAAAAAAAAAAAAAAAAA","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}' },
    ],
    ["client handshake on upgrade", { type: "open", data: '{"sid":"AAAAAAAAAAAAAAAAAAAA"}' }],
    ["2probe", { type: "ping", data: "probe" }],
    ["3probe", { type: "pong", data: "probe" }],
    ["upgrade", { type: "upgrade" }],
    ["ping", { type: "ping" }],
    ["pong", { type: "pong" }],
    ["close", { type: "close" }],
    ["noop", { type: "noop" }],
    ["text message of 200 bytes", { type: "message", data: "x".repeat(199) }],
    ["text of 125 bytes", { type: "message", data: "x".repeat(124) }],
    ["text of 126 bytes", { type: "message", data: "x".repeat(125) }],
    ["text of 65535 bytes", { type: "message", data: "x".repeat(65534) }],
    ["text of 65536 bytes", { type: "message", data: "x".repeat(65535) }],
    ["binary of 125 bytes", { type: "message", data: range(125) }],
    ["binary of 126 bytes", { type: "message", data: range(126) }],
    ["binary of 65535 bytes", { type: "message", data: range(65535) }],
    ["binary of 65536 bytes", { type: "message", data: range(65536) }],
    ["empty binary", { type: "message", data: Buffer.alloc(0) }],
    ["empty text message", { type: "message", data: "" }],
    ["non-ASCII text", { type: "message", data: "héllo 😀 世界" }],
    ["lone high surrogate", { type: "message", data: "a\ud800b" }],
    ["lone low surrogate at the end", { type: "message", data: "a\udc00" }],
    ["reversed surrogate pair", { type: "message", data: "\udc00\ud800" }],
    ["text that starts like base64 binary", { type: "message", data: "bAQID" }],
  ];
  const encodeVectors = [];
  for (const [name, packet] of fixed) {
    encodeVectors.push({ name, packet: portable(packet), ...(await encode(packet)) });
  }
  for (let i = 0; i < 300; i++) {
    const packet = randomPacket();
    encodeVectors.push({ name: "random " + i, packet: portable(packet), ...(await encode(packet)) });
  }

  const decodeFixed = [
    ["text 4hello", "063468656c6c6f", 1000000],
    ["binary [1,2,3]", "83010203", 1000000],
    ["handshake", "0130", 1000000],
    ["heartbeat", "0132" + "0133", 1000000],
    ["upgrade sequence", "1f" + hex(Buffer.from('0{"sid":"AAAAAAAAAAAAAAAAAAAA"}')) + "063270726f6265" + "0135", 1000000],
    ["text of 200 bytes", "7e00c8" + hex(Buffer.from("4" + "y".repeat(199))), 1000000],
    ["non-canonical 16-bit length", "7e0005" + hex(Buffer.from("4abcd")), 1000000],
    ["non-canonical 64-bit length", "7f0000000000000005" + hex(Buffer.from("4abcd")), 1000000],
    ["non-canonical binary 64-bit length", "ff0000000000000003010203", 1000000],
    ["zero length text", "00", 1000000],
    ["zero length binary", "80", 1000000],
    ["zero 16-bit length", "7e0000", 1000000],
    ["zero 64-bit length", "7f0000000000000000", 1000000],
    ["packet then zero length", "0132" + "80", 1000000],
    ["64-bit high word 2^21", "7f0020000000000001", 1000000],
    ["64-bit high word 2^21 - 1", "7f001fffff00000001", 1000000],
    ["64-bit high word ffffffff", "ffffffffff00000000", 1000000],
    ["64-bit length over maxPayload", "7f0000000100000000", 1000000],
    ["maxPayload exactly", "05" + hex(Buffer.from("4abcd")), 5],
    ["maxPayload + 1", "06" + hex(Buffer.from("4abcde")), 5],
    ["binary maxPayload exactly", "850102030405", 5],
    ["binary maxPayload + 1", "86010203040506", 5],
    ["16-bit header with maxPayload 125", "7e0005" + hex(Buffer.from("4abcd")), 125],
    ["16-bit header with maxPayload 126", "7e0005" + hex(Buffer.from("4abcd")), 126],
    ["64-bit header with maxPayload 126", "7f0000000000000005" + hex(Buffer.from("4abcd")), 126],
    ["64-bit header with maxPayload 127", "7f0000000000000005" + hex(Buffer.from("4abcd")), 127],
    ["16-bit length maxPayload + 1", "7e00c9" + hex(Buffer.from("4" + "y".repeat(200))), 200],
    ["invalid handshake 01 02 03", "010203", 1000000],
    ["unknown type 7", "0137", 1000000],
    ["text b is base64 binary", "09" + hex(Buffer.from("bAQIDBA==")), 1000000],
    ["text b alone", "0162", 1000000],
    ["invalid UTF-8", "05" + "34ff6180c0", 1000000],
    ["truncated UTF-8 sequence", "03" + "34e282", 1000000],
    ["UTF-8 surrogate encoding", "04" + "34eda080", 1000000],
    ["leading BOM stripped", "06" + "efbbbf346869", 1000000],
    ["two BOMs: one stripped", "07" + "efbbbfefbbbf34", 1000000],
    ["BOM only", "03" + "efbbbf", 1000000],
    ["BOM inside kept", "06" + "34efbbbf6869", 1000000],
    ["incomplete header", "7e00", 1000000],
    ["incomplete payload", "05" + "3461", 1000000],
    ["message then incomplete", "0132" + "7f00000000", 1000000],
  ];
  const decodeVectors = [];
  for (const [name, input, maxPayload] of decodeFixed) {
    decodeVectors.push({ name, input, maxPayload, packets: await decode(Buffer.from(input, "hex"), maxPayload) });
  }
  // text frames with bytes chosen around the UTF-8 boundaries (TextDecoder's U+FFFD rules)
  const UTF8 = [0x34, 0x61, 0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec,
    0xed, 0xee, 0xef, 0xbb, 0xbf, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff];
  for (let i = 0; i < 300; i++) {
    const n = 1 + int(10);
    const body = Buffer.alloc(n);
    for (let j = 0; j < n; j++) body[j] = pick(UTF8);
    const payload = Buffer.concat([random() < 0.9 ? Buffer.from("4") : Buffer.alloc(0), body]);
    const bytes = Buffer.concat([Buffer.from([payload.length]), payload]);
    decodeVectors.push({ name: "utf-8 " + i, input: hex(bytes), maxPayload: 1000000, packets: await decode(bytes, 1000000) });
  }
  const limits = [1, 5, 125, 126, 127, 200, 1000, 1000000];
  for (let i = 0; i < 500; i++) {
    const parts = [];
    const count = 1 + int(4);
    for (let j = 0; j < count; j++) {
      const packet = randomPacket();
      const { header, payload } = await encode(packet);
      if (typeof payload !== "string" && payload.$range === undefined) throw new Error("random payload too large");
      parts.push(Buffer.from(header, "hex"), typeof payload === "string" ? Buffer.from(payload, "hex") : range(payload.$range));
    }
    let bytes = Buffer.concat(parts);
    const mutation = int(5);
    if (mutation === 1) {
      bytes[int(bytes.length)] = int(256);
    } else if (mutation === 2) {
      bytes = bytes.subarray(0, int(bytes.length + 1));
    } else if (mutation === 3) {
      const at = int(bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), randomBytes(1 + int(3)), bytes.subarray(at)]);
    } else if (mutation === 4) {
      bytes = randomBytes(1 + int(12));
    }
    const maxPayload = pick(limits);
    decodeVectors.push({ name: "random " + i, input: hex(bytes), maxPayload, packets: await decode(bytes, maxPayload) });
  }

  process.stdout.write(
    JSON.stringify({ engineIoParser: version, node: process.version, encode: encodeVectors, decode: decodeVectors }, null, 1) + "\n",
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
