// The web UI's first load from a fresh sidecar: ms from the browser's navigation to the address the sidecar prints
// until the servers list shows the demo server running, in Debian's Chromium (headless) with an empty cache. Beside
// it the floor: the same browser loading a page of one line from a bare Node server, which is what any page costs.
// Each round starts a new sidecar (the launcher, ./mcp-proxy, with its AOT cache) and a new browser context.
//   node bench/ui-load.mjs [rounds]        (needs the build: ./mvnw -DskipTests install)
import { createServer } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePortPair, median, start, stop, waitUntil } from "./processes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { chromium } = await import(join(root, "mcp-proxy-web/node_modules/playwright-core/index.mjs"));
const rounds = Number(process.argv[2] ?? 7);
const token = "bench-" + process.pid;
const config = join(mkdtempSync(join(tmpdir(), "ui-load-")), "demo.yaml");
writeFileSync(config, `servers:
  - name: demo
    command: java
    args: ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", "${join(root, "mcp-proxy-demo/target/mcp-proxy-demo.jar")}"]
`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });

async function timedLoad(url, visible) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector(visible, { state: "visible" });
  const elapsed = Date.now() - started;
  await context.close();
  return elapsed;
}

const floorServer = createServer((_, response) => {
  response.writeHead(200, { "Content-Type": "text/html" });
  response.end("<!doctype html><p id=ready>ready</p>");
});
await new Promise((resolve) => floorServer.listen(0, "127.0.0.1", resolve));
const floorUrl = `http://127.0.0.1:${floorServer.address().port}/`;

const ours = [];
const floor = [];
for (let round = 0; round < rounds; round++) {
  const port = await freePortPair();
  const sidecar = start(join(root, "mcp-proxy"), ["--config", config, "--port", port, "--api-port", port + 1],
    { MCP_PROXY_TOKEN: token });
  await waitUntil(sidecar, async () => {
    const health = await (await fetch(`http://127.0.0.1:${port + 1}/health`)).json();
    return health.ready;
  });
  ours.push(await timedLoad(`http://127.0.0.1:${port + 1}/?token=${token}`, 'tr[data-server="demo"] .badge-running'));
  floor.push(await timedLoad(floorUrl, "#ready"));
  await stop(sidecar);
}
await browser.close();
floorServer.close();

const ms = (xs) => xs.map((x) => String(x).padStart(4)).join(" ");
console.log(`first load, navigation → servers list visible (ms, ${rounds} fresh sidecars, empty cache):`);
console.log(`  MCP Proxy UI  median ${median(ours)}   [${ms(ours)}]`);
console.log(`  floor page    median ${median(floor)}   [${ms(floor)}]`);
console.log(`  ratio         ${(median(ours) / median(floor)).toFixed(2)}× the floor; target < 500 ms`);
