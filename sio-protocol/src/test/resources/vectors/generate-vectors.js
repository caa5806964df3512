// Generates the Socket.IO parser vectors from the real npm packages.
//
//   mkdir -p /tmp/parser-vectors && cd /tmp/parser-vectors
//   npm install socket.io-parser@4.2.7 socket.io-msgpack-parser@3.0.2
//   node generate-vectors.js json    > socketio-json.json
//   node generate-vectors.js msgpack > socketio-msgpack.json
//
// socket.io-parser 4.2.7 is what `npm install socket.io@4.8.4` resolves ("~4.2.4") today.
// Generated files: sio-protocol/src/test/resources/vectors/socketio-json.json and
// sio-msgpack/src/test/resources/vectors/socketio-msgpack.json.
// Binary values are written {"$bin":"<hex>"} in packets; encoded text messages are strings and
// binary messages are {"$bin":"<hex>"} too. "nodeError" is the message Node's decoder throws.
"use strict";

const mode = process.argv[2];
const json = require("socket.io-parser");
const msgpack = require("socket.io-msgpack-parser");
const path = require("path");
const version = (name) =>
  JSON.parse(require("fs").readFileSync(path.join(__dirname, "node_modules", name, "package.json"), "utf8")).version;

const b = (...bytes) => Buffer.from(bytes);
const range = (n) => Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff));

function toPortable(value) {
  if (Buffer.isBuffer(value)) return { $bin: value.toString("hex") };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString("hex") };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toPortable(v)));
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined) out[key] = toPortable(value[key]);
    }
    return out;
  }
  return value;
}

function packetOf(p) {
  const out = { type: p.type, nsp: p.nsp };
  if (p.data !== undefined) out.data = toPortable(p.data);
  if (p.id !== undefined) out.id = p.id;
  return out;
}

function decodeAll(Decoder, messages) {
  const decoder = new Decoder();
  const decoded = [];
  decoder.on("decoded", (p) => decoded.push(p));
  try {
    for (const m of messages) decoder.add(m);
  } catch (e) {
    return { nodeError: e.message };
  }
  return { nodeDecoded: decoded.map(packetOf) };
}

const common = [
  ["connect main", { type: 0, nsp: "/" }],
  ["connect custom namespace", { type: 0, nsp: "/admin" }],
  ["connect with auth", { type: 0, data: { token: "123" }, nsp: "/" }],
  ["connect reply", { type: 0, data: { sid: "wZX3oN0bSVIhsaknAAAI" }, nsp: "/admin" }],
  ["connect reply with pid", { type: 0, data: { sid: "s", pid: "p" }, nsp: "/" }],
  ["disconnect main", { type: 1, nsp: "/" }],
  ["disconnect custom namespace", { type: 1, nsp: "/admin" }],
  ["connect_error string", { type: 4, data: "Not authorized", nsp: "/" }],
  ["connect_error object", { type: 4, data: { message: "Not authorized" }, nsp: "/" }],
  ["connect_error object with data", { type: 4, data: { message: "no", data: { retry: false, code: 42 } }, nsp: "/admin" }],
  ["event", { type: 2, data: ["foo"], nsp: "/" }],
  ["event with args", { type: 2, data: ["a", 1, {}, [], null, true, false, "x"], nsp: "/" }],
  ["event with number name", { type: 2, data: [1, "a", {}], nsp: "/" }],
  ["event custom namespace", { type: 2, data: ["bar"], nsp: "/admin" }],
  ["event with ack id", { type: 2, data: ["foo"], id: 12, nsp: "/" }],
  ["event custom namespace with ack id", { type: 2, data: ["foo"], id: 13, nsp: "/admin" }],
  ["event with id 0", { type: 2, data: ["foo"], id: 0, nsp: "/" }],
  ["event with big id", { type: 2, data: ["foo"], id: 2147483648, nsp: "/" }],
  ["event with max safe id", { type: 2, data: ["foo"], id: 9007199254740991, nsp: "/x" }],
  ["ack empty", { type: 3, data: [], id: 12, nsp: "/" }],
  ["ack with data", { type: 3, data: ["bar", { ok: true }], id: 123, nsp: "/admin" }],
  ["event unicode", { type: 2, data: ["héllo", "日本語", "😀", "\u2028\u2029", "\u007f"], nsp: "/ñ" }],
  ["event escapes", { type: 2, data: ["q\"b\\s/\b\f\n\r\t\u0000\u0001\u001f end"], nsp: "/" }],
  ["event lone surrogates", { type: 2, data: ["a\ud800b", "\udc00", "x\ud83d"], nsp: "/" }],
  ["event key order", { type: 2, data: ["k", { b: 1, 2: 2, 1: 3, a: 4, "01": 5, 4294967295: 6, 4294967294: 7 }], nsp: "/" }],
  ["event numbers", { type: 2, data: ["n", 0, -1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, 9007199254740991, -9007199254740991, 9007199254740992], nsp: "/" }],
  ["event floats", { type: 2, data: ["f", 1.5, -2.25, 0.1 + 0.2, 1e21, 1e-7, 1e-6, 123e-20, 5e-324, 1.7976931348623157e308, 123456789012345680000, 4.35, 0.000001, 1e300, -1e-300, 2.5e-8], nsp: "/" }],
  ["event nested", { type: 2, data: ["deep", { a: { b: { c: [1, [2, [3, { d: "e" }]]] } } }], nsp: "/" }],
  ["event long strings", { type: 2, data: ["s", "a".repeat(31), "b".repeat(32), "c".repeat(255), "d".repeat(256), "é".repeat(20), "€".repeat(100)], nsp: "/" }],
  ["event array16 and map16", { type: 2, data: ["big", Array.from({ length: 16 }, (_, i) => i), Object.fromEntries(Array.from({ length: 16 }, (_, i) => ["k" + i, i]))], nsp: "/" }],
  ["binary event", { type: 2, data: ["baz", b(1, 2, 3, 4)], nsp: "/" }],
  ["binary event multiple", { type: 2, data: ["baz", b(1, 2), b(3, 4)], nsp: "/admin" }],
  ["binary event nested", { type: 2, data: ["upload", { a: b(1), b: [b(2), { c: b(3) }], d: "x" }, b(4)], id: 7, nsp: "/" }],
  ["binary event empty buffer", { type: 2, data: ["e", b()], nsp: "/" }],
  ["binary event large buffer", { type: 2, data: ["l", range(300)], nsp: "/" }],
  ["binary event key order", { type: 2, data: ["o", { z: b(1), 1: b(2) }], nsp: "/" }],
  ["binary ack", { type: 3, data: ["bar", b(1, 2, 3, 4)], id: 15, nsp: "/" }],
  ["binary ack only buffer", { type: 3, data: [b(9)], id: 1, nsp: "/admin" }],
  ["binary event ten attachments", { type: 2, data: ["many", ...Array.from({ length: 10 }, (_, i) => b(i))], nsp: "/" }],
];

function jsonVectors() {
  const encoder = new json.Encoder();
  const cases = common.map(([name, packet]) => {
    const encoded = encoder.encode(packet);
    return {
      name,
      packet: packetOf(packet),
      encoded: encoded.map((m) => (typeof m === "string" ? m : { $bin: Buffer.from(m).toString("hex") })),
      ...decodeAll(json.Decoder, encoded),
    };
  });
  const malformed = [
    "", "7", "9", "x", " ", "5", "51", "5a-", "51.23-", "5-[\"a\"]", "511-[\"a\"]",
    "0[]", "0\"x\"", "0/admin,\"invalid\"", "0 ", "1{}", "1/admin,{}", "1[]",
    "2", "2[]", "2{}", "2\"x\"", "2[true,\"foo\"]", "2[null,\"bar\"]", "2[{\"toString\":\"foo\"}]",
    "2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\",\"123\"]", "2[\"disconnecting\"]",
    "2[\"newListener\"]", "2[\"removeListener\"]", "2/admin,\"invalid", "2/admin,{}", "2[\"a\"",
    "2[\"a\"]x", "2[\"a\"] [1]", "2admin,[\"a\"]", "2/admin[\"a\"]", "21a[\"a\"]",
    "299999999999999999999[\"a\"]", "3", "3{}", "3\"x\"", "4", "4[]", "41", "442[\"some\",\"data\"",
    "2['a']", "2[\"a\",]", "2[NaN]", "2[01]",
  ].map((m) => ({ input: [m], ...decodeAll(json.Decoder, [m]) }));
  const sequences = [
    ["51-[\"a\",{\"_placeholder\":true,\"num\":0}]", "2[\"b\"]"],
    [{ $bin: "01" }],
    ["2[\"a\"]", { $bin: "01" }],
    ["51-[\"a\",{\"_placeholder\":true,\"num\":1}]", { $bin: "01" }],
    ["51-[\"a\",{\"_placeholder\":true,\"num\":-1}]", { $bin: "01" }],
    ["51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]", { $bin: "01" }],
    ["51-[\"a\",{\"_placeholder\":true}]", { $bin: "01" }],
    ["52-[\"a\",{\"_placeholder\":true,\"num\":0}]", { $bin: "01" }, "2[\"b\"]"],
    ["50-[\"a\",{\"_placeholder\":true,\"num\":0}]"],
  ].map((input) => ({
    input,
    ...decodeAll(json.Decoder, input.map((m) => (typeof m === "string" ? m : Buffer.from(m.$bin, "hex")))),
  }));
  const lenient = [
    ["62-3[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":false,\"num\":0}]", { $bin: "aa" }, { $bin: "bb" }],
    ["51-/admin,9[\"up\",{\"x\":[{\"_placeholder\":true,\"num\":0.0}]}]", { $bin: "cc" }],
    ["2[\"a\",{\"_placeholder\":true,\"num\":0}]"],
    ["2/admin"],
    ["0/admin"],
    ["1/admin"],
    ["2[1.0,1e2,-0,1E-7]"],
    ["2  [\"spaces\"] "],
    ["2[\"dup\",{\"a\":1,\"a\":2}]"],
  ].map((input) => ({
    input,
    ...decodeAll(json.Decoder, input.map((m) => (typeof m === "string" ? m : Buffer.from(m.$bin, "hex")))),
  }));
  return {
    generator: "generate-vectors.js",
    packages: { "socket.io-parser": version("socket.io-parser") },
    cases,
    malformed: malformed.concat(sequences),
    lenient,
    random: randomPackets(424242, 400, { loneSurrogates: true }).map((packet) => ({
      packet: packetOf(packet),
      encoded: encoder.encode(packet).map((m) => (typeof m === "string" ? m : { $bin: Buffer.from(m).toString("hex") })),
    })),
    differential: differential(cases.map((c) => c.encoded[0]).concat(malformed.map((c) => c.input[0]))),
  };
}

// Deterministic PRNG (mulberry32) so the differential inputs are the same on every run.
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Random packets (seeded): strings with escapes, doubles of every magnitude, index keys, buffers.
function randomPackets(seed, count, { loneSurrogates }) {
  const random = prng(seed);
  const pick = (n) => Math.floor(random() * n);
  const chars = ["a", "Z", "0", " ", '"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f",
    "\u007f", "é", "€", "\u2028", "😀", "日"].concat(loneSurrogates ? ["\ud800", "\udfff"] : []);
  const keys = ["a", "b", "z", "0", "1", "2", "10", "01", "-1", "4294967295", "é", ""];
  const str = (from = chars) => Array.from({ length: pick(6) }, () => from[pick(from.length)]).join("");
  // Jackson refuses an escaped lone surrogate in a key (see JsonParserFuzzTest): values only
  const keyChars = chars.filter((c) => !/^[\ud800-\udfff]$/.test(c));
  const num = () => {
    switch (pick(6)) {
      case 0: return pick(1000) - 500;
      case 1: return (random() - 0.5) * Math.pow(10, pick(60) - 30);
      case 2: return Math.round((random() - 0.5) * Math.pow(2, pick(63)));
      case 3: return (pick(2000) - 1000) / 8;
      case 4: return Number((random() * 100).toFixed(pick(6)));
      default: return (random() - 0.5) * Math.pow(10, pick(600) - 300);
    }
  };
  const value = (depth) => {
    switch (pick(depth > 0 ? 9 : 6)) {
      case 0: return str();
      case 1: case 2: return num();
      case 3: return [true, false, null][pick(3)];
      case 4: return Buffer.from(Array.from({ length: pick(4) }, () => pick(256)));
      case 5: return str() + "x";
      case 6: case 7: {
        const o = {};
        for (let i = pick(5); i > 0; i--) o[keys[pick(keys.length)] + (pick(2) ? "" : str(keyChars))] = value(depth - 1);
        return o;
      }
      default: return Array.from({ length: pick(4) }, () => value(depth - 1));
    }
  };
  return Array.from({ length: count }, () => {
    const packet = { type: pick(2) ? 2 : 3, data: ["e" + pick(9)].concat(Array.from({ length: pick(4) }, () => value(3))) };
    if (pick(2)) packet.id = pick(100000);
    packet.nsp = pick(2) ? "/" : "/n" + pick(9);
    return packet;
  });
}

// Mutated text packets and what Node's decoder makes of each: an error, or the packet (after
// feeding one-byte attachments while it waits for them) and whether isPacketValid accepts it.
function differential(seeds) {
  const random = prng(20261121);
  const pick = (n) => Math.floor(random() * n);
  const alphabet = "0123456789-/,[]{}\":._ablrtuenx\\ \te+E";
  const out = [];
  for (let n = 0; n < 1500; n++) {
    let text = seeds[pick(seeds.length)];
    for (let r = 1 + pick(3); r > 0; r--) {
      const at = pick(text.length + 1);
      const c = alphabet[pick(alphabet.length)];
      const op = pick(4);
      if (op === 0) text = text.slice(0, at) + c + text.slice(at);
      else if (op === 1) text = text.slice(0, at) + text.slice(at + 1);
      else if (op === 2) text = text.slice(0, at) + c + text.slice(at + 1);
      else text = text.slice(0, at);
    }
    const decoder = new json.Decoder();
    const decoded = [];
    decoder.on("decoded", (p) => decoded.push(p));
    let attachments = 0;
    let nodeError;
    try {
      decoder.add(text);
      while (decoded.length === 0 && attachments < 10) {
        attachments++;
        decoder.add(Buffer.from([1]));
      }
    } catch (e) {
      nodeError = e.message;
    }
    const entry = { input: text, attachments };
    if (nodeError !== undefined) entry.nodeError = nodeError;
    else {
      entry.nodeDecoded = packetOf(decoded[0]);
      entry.nodeValid = json.isPacketValid(decoded[0]);
    }
    out.push(entry);
  }
  return out;
}

function msgpackVectors() {
  const encoder = new msgpack.Encoder();
  const hex = (buf) => Buffer.from(buf).toString("hex");
  const cases = common
    // notepack.io writes lone surrogates as garbage 4-byte sequences (short strings) or U+FFFD
    // (long ones): UTF-8 has no form for them, so they are no vector
    .filter(([name]) => name !== "event lone surrogates")
    .map(([name, packet]) => {
      // the order socket.io's server builds packets in: type, data, id, then nsp
      const ordered = { type: packet.type };
      // notepack.io writes integral numbers >= 2^63 as garbage uint64s: leave them out
      const sane = (v) => !(typeof v === "number" && Number.isInteger(v) && Math.abs(v) >= 2 ** 63);
      if (packet.data !== undefined) ordered.data = Array.isArray(packet.data) ? packet.data.filter(sane) : packet.data;
      if (packet.id !== undefined) ordered.id = packet.id;
      ordered.nsp = packet.nsp;
      return [name, ordered];
    })
    .concat([["event huge string", { type: 2, data: ["h", "x".repeat(65536)], nsp: "/" }]])
    .map(([name, packet]) => {
      const encoded = encoder.encode(packet);
      return { name, packet: packetOf(packet), encoded: encoded.map((m) => ({ $bin: hex(m) })), ...decodeAll(msgpack.Decoder, encoded) };
    });
  // What a Node client sends and Node-only values: decode only.
  const raw = (v) => require("notepack.io").encode(v);
  const decodeOnly = [
    ["client packet with options", { type: 2, data: ["hi"], options: { compress: true }, id: 3, nsp: "/" }],
    ["undefined id and data members", { type: 2, data: ["u", undefined, { a: undefined, b: 1 }], id: undefined, nsp: "/" }],
    ["date", { type: 2, data: ["d", new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678))], nsp: "/" }],
    ["arraybuffer", { type: 2, data: ["ab", new Uint8Array([5, 6, 7]).buffer], nsp: "/" }],
    ["float32", null, "83a474797065" + "02" + "a46461746192a166ca3fc00000" + "a36e7370a12f"],
    ["keys in another order", { nsp: "/admin", id: 4, data: ["x"], type: 3 }],
  ].map(([name, packet, hexInput]) => {
    const bytes = hexInput ? Buffer.from(hexInput, "hex") : raw(packet);
    return { name, encoded: [{ $bin: hex(bytes) }], ...decodeAll(msgpack.Decoder, [bytes]) };
  });
  const bad = [
    ["text message", "2[\"a\"]"],
    ["empty", ""],
    ["not a map", hex(raw([2, "/"]))],
    ["type missing", hex(raw({ data: ["a"], nsp: "/" }))],
    ["type 5", hex(raw({ type: 5, data: ["a"], nsp: "/" }))],
    ["type 7", hex(raw({ type: 7, data: ["a"], nsp: "/" }))],
    ["type string", hex(raw({ type: "2", data: ["a"], nsp: "/" }))],
    ["type float", hex(raw({ type: 2.5, data: ["a"], nsp: "/" }))],
    ["nsp missing", hex(raw({ type: 2, data: ["a"] }))],
    ["nsp number", hex(raw({ type: 2, data: ["a"], nsp: 1 }))],
    ["nsp without slash", hex(raw({ type: 2, data: ["a"], nsp: "admin" }))],
    ["connect array", hex(raw({ type: 0, data: [], nsp: "/" }))],
    ["disconnect data", hex(raw({ type: 1, data: {}, nsp: "/" }))],
    ["connect_error missing", hex(raw({ type: 4, nsp: "/" }))],
    ["connect_error number", hex(raw({ type: 4, data: 1, nsp: "/" }))],
    ["event object", hex(raw({ type: 2, data: {}, nsp: "/" }))],
    ["event missing", hex(raw({ type: 2, nsp: "/" }))],
    ["event empty", hex(raw({ type: 2, data: [], nsp: "/" }))],
    ["event reserved", hex(raw({ type: 2, data: ["connect"], nsp: "/" }))],
    ["event bad name", hex(raw({ type: 2, data: [true], nsp: "/" }))],
    ["ack object", hex(raw({ type: 3, data: {}, id: 1, nsp: "/" }))],
    ["id string", hex(raw({ type: 2, data: ["a"], id: "1", nsp: "/" }))],
    ["id float", hex(raw({ type: 2, data: ["a"], id: 1.5, nsp: "/" }))],
    ["id negative", hex(raw({ type: 2, data: ["a"], id: -1, nsp: "/" }))],
    ["trailing bytes", hex(raw({ type: 2, data: ["a"], nsp: "/" })) + "c0"],
    ["truncated", hex(raw({ type: 2, data: ["a"], nsp: "/" })).slice(0, -4)],
    ["never used byte", "c1"],
    ["ext type 5", hex(raw({ type: 2, data: ["a"], nsp: "/" })).replace("91a161", "92a161d50501ff")],
    ["huge bin length", "83a474797065" + "02" + "a46461746192a161c6ffffffff" + "a36e7370a12f"],
    ["huge array length", "83a474797065" + "02" + "a464617461ddffffffff"],
  ].map(([name, h]) => ({
    name,
    input: name === "text message" ? h : { $bin: h },
    ...decodeAll(msgpack.Decoder, [name === "text message" ? h : Buffer.from(h, "hex")]),
  }));
  // Mutated packets and what Node's decoder makes of each.
  const random = prng(20261122);
  const pick = (n) => Math.floor(random() * n);
  const interesting = [0x00, 0x01, 0x2f, 0x7f, 0x80, 0x90, 0x91, 0xa0, 0xa1, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc7, 0xca, 0xcb, 0xcc, 0xcf, 0xd0, 0xd3, 0xd4, 0xd7, 0xd9, 0xdc, 0xde, 0xe0, 0xff];
  const seeds = cases.filter((c) => c.encoded[0].$bin.length < 2000).map((c) => Buffer.from(c.encoded[0].$bin, "hex"));
  const differential = [];
  for (let n = 0; n < 1500; n++) {
    let bytes = Buffer.from(seeds[pick(seeds.length)]);
    for (let r = 1 + pick(3); r > 0; r--) {
      const at = pick(bytes.length + 1);
      const b = random() < 0.5 ? interesting[pick(interesting.length)] : pick(256);
      const op = pick(4);
      if (op === 0) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([b]), bytes.subarray(at)]);
      else if (op === 1) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
      else if (op === 2 && at < bytes.length) bytes[at] = b;
      else bytes = bytes.subarray(0, at);
    }
    const result = decodeAll(msgpack.Decoder, [bytes]);
    differential.push({ input: { $bin: hex(bytes) }, ...result });
  }
  const sane = (v) => {
    // integers beyond 2^53 would not survive the JSON of this file exactly
    if (typeof v === "number") return !(Number.isInteger(v) && Math.abs(v) > 2 ** 53);
    if (Array.isArray(v)) return v.every(sane);
    if (v && typeof v === "object" && !Buffer.isBuffer(v)) return Object.values(v).every(sane);
    return true;
  };
  const random2 = randomPackets(434343, 600, { loneSurrogates: false })
    .filter((p) => sane(p.data))
    .slice(0, 400)
    .map((packet) => ({ packet: packetOf(packet), encoded: [{ $bin: hex(encoder.encode(packet)[0]) }] }));
  return { generator: "generate-vectors.js", packages: { "socket.io-msgpack-parser": version("socket.io-msgpack-parser"), "notepack.io": version("notepack.io") }, cases, decodeOnly, malformed: bad, random: random2, differential };
}

const out = mode === "json" ? jsonVectors() : mode === "msgpack" ? msgpackVectors() : null;
if (!out) {
  console.error("usage: node generate-vectors.js json|msgpack");
  process.exit(2);
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
