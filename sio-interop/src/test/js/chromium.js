// Headless Chromium (Debian's /usr/bin/chromium) driven through playwright-core, for Chromium.java.
//   node chromium.js
// Prints {"event":"ready"} once the browser runs, then answers each command with
// {"event":"reply","id":..,"ok":true,"value":..} or {"event":"reply","id":..,"ok":false,"error":..}.
// Page console lines and uncaught page errors are printed as "console" and "pageerror" events.
// Commands ({"id":n,"cmd":..}): open {page,url}, eval {page,expression},
// waitFor {page,expression,timeout}, click {page,selector}, fill {page,selector,text},
// press {page,selector,key}, setInputFiles {page,selector,name,mimeType,data:{"$bin":..}},
// screenshot {page,path}, closePage {page}.
"use strict";

const { chromium } = require("playwright-core");
const { out, toJson, fromJson, onCommands } = require("./lib/io");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-features=LocalNetworkAccessChecks",
];

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.SIO_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
  });
  const pages = new Map();
  const page = (name) => {
    const p = pages.get(name);
    if (!p) throw new Error(`no page named ${name}`);
    return p;
  };

  const commands = {
    async open(c) {
      const context = await browser.newContext();
      const p = await context.newPage();
      p.on("console", (m) => out("console", { page: c.page, type: m.type(), text: m.text() }));
      p.on("pageerror", (e) => out("pageerror", { page: c.page, message: e.message }));
      pages.set(c.page, p);
      const response = await p.goto(c.url);
      return response ? response.status() : null;
    },
    eval: (c) => page(c.page).evaluate(c.expression),
    async waitFor(c) {
      await page(c.page).waitForFunction(c.expression, null, { timeout: c.timeout || 10000 });
      return true;
    },
    click: (c) => page(c.page).click(c.selector),
    fill: (c) => page(c.page).fill(c.selector, c.text),
    press: (c) => page(c.page).press(c.selector, c.key),
    setInputFiles: (c) =>
      page(c.page).setInputFiles(c.selector, {
        name: c.name,
        mimeType: c.mimeType,
        buffer: fromJson(c.data),
      }),
    async screenshot(c) {
      await page(c.page).screenshot({ path: c.path, fullPage: true });
      return c.path;
    },
    async closePage(c) {
      await page(c.page).context().close();
      pages.delete(c.page);
    },
  };

  onCommands(
    async (c) => {
      const run = commands[c.cmd];
      if (!run) {
        out("reply", { id: c.id, ok: false, error: `unknown command ${c.cmd}` });
        return;
      }
      try {
        const value = await run(c);
        out("reply", { id: c.id, ok: true, value: value === undefined ? null : toJson(value) });
      } catch (e) {
        out("reply", { id: c.id, ok: false, error: String((e && e.message) || e) });
      }
    },
    async () => {
      await browser.close().catch(() => {});
      process.exit(0);
    }
  );
  out("ready", { version: browser.version() });
}

main().catch((e) => {
  out("error", { message: String((e && e.stack) || e) });
  process.exit(1);
});
