#!/usr/bin/env node
// Puts the --json results of several hostile.js runs side by side, as a Markdown table.
//   node compare.js sio=sio.json node=node.json [--failing] [--counts]
// A label may take several files (sio=full.json+rerun.json): a later file's result of a case
// replaces an earlier one's. --failing: only the cases that fail on at least one run. --counts:
// only the totals.
"use strict";

const fs = require("node:fs");

const runs = process.argv
  .slice(2)
  .filter((a) => !a.startsWith("--"))
  .map((a) => {
    const [label, files] = a.includes("=") ? a.split("=") : [a, a];
    const merged = new Map();
    let profile = null;
    for (const file of files.split("+")) {
      const d = JSON.parse(fs.readFileSync(file, "utf8"));
      profile = d.profile;
      for (const x of d.results) merged.set(x.name, x);
    }
    return { label, data: { profile, results: [...merged.values()] } };
  });
if (runs.length === 0) {
  console.error("usage: node compare.js label=results.json ... [--failing] [--counts]");
  process.exit(2);
}
const names = [];
const seen = new Set();
for (const r of runs) {
  for (const x of r.data.results) {
    if (!seen.has(x.name)) {
      seen.add(x.name);
      names.push(x.name);
    }
  }
}
const byName = runs.map((r) => new Map(r.data.results.map((x) => [x.name, x])));
const cell = (x) => (x ? `${x.pass ? "PASS" : "FAIL"}: ${String(x.obs).replace(/\|/g, "/").slice(0, 70)}${x.notes && x.notes.length ? " / " + x.notes.join("; ").replace(/\|/g, "/").slice(0, 90) : ""}` : "-");

for (const r of runs) {
  const p = r.data.results.filter((x) => x.pass).length;
  console.log(`${r.label} (${r.data.profile}): ${p} passed, ${r.data.results.length - p} failed`);
}
if (process.argv.includes("--counts")) process.exit(0);
console.log("");
console.log(`| case | ${runs.map((r) => r.label).join(" | ")} |`);
console.log(`|---|${runs.map(() => "---").join("|")}|`);
for (const n of names) {
  const cells = byName.map((m) => m.get(n));
  if (process.argv.includes("--failing") && cells.every((x) => !x || x.pass)) continue;
  console.log(`| ${n} | ${cells.map(cell).join(" | ")} |`);
}
