// Exercises NodeScript itself (NodeScriptIT).
//   node harness-selftest.js crash      -> prints one line, writes to stderr, exits 3
//   node harness-selftest.js tree       -> starts a child node process, prints both pids, waits
//   node harness-selftest.js echo       -> prints each command back as {"event":"echoed",...}
"use strict";

const { spawn } = require("node:child_process");
const { out, onCommands } = require("./lib/io");

switch (process.argv[2]) {
  case "crash":
    out("started");
    process.stderr.write("something broke on purpose\n");
    process.exit(3);
    break;
  case "tree": {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    out("tree", { parent: process.pid, child: child.pid });
    // ignores stdin closing: only a kill ends this one
    setInterval(() => {}, 1000);
    break;
  }
  case "echo":
    out("ready", { env: process.env.SELFTEST_VALUE || null });
    process.stdout.write("this line is not JSON\n");
    onCommands((c) => out("echoed", { command: c }));
    break;
  default:
    process.stderr.write(`unknown mode ${process.argv[2]}\n`);
    process.exit(2);
}
