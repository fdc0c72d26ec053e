// The management API's log benchmark: what one upstream writing RATE log lines a second (the demo server's log_flood
// tool), followed by an SSE subscriber on /api/events (log lines only, ?types=log, as a log view asks), costs the
// tool calls going through the proxy to another upstream. The load client (bench/loadclient.mjs) calls quiet__echo
// for DURATION ms, sequentially and then with C clients, while the flood is switched on and off every WINDOW ms; the
// calls completed in each window with the flood on are compared with the windows just before and after it. Short
// windows make the machine's own drift (10–20 % over tens of seconds here) the same on both sides of a comparison.
// The first SETTLE ms of each window are left out, and the first LEAD ms of each load (a fresh load client's own
// code still warming up makes its first seconds slower, which would favour the windows after them). Prints a
// markdown report.
//   node bench/logflood.mjs     # env: ROUNDS=2 DURATION=60000 WINDOW=2000 SETTLE=300 LEAD=4000 RATE=10000 C=8
//   CONTROL=1 node bench/logflood.mjs     # the same, the flood never switched on: the measurement's own noise
// Every process started here binds 127.0.0.1 and is stopped by its PID.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { cpuMs, freePortPair, median, runLoadClient, sleep, start, stop, waitUntil } from "./processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const ROUNDS = env("ROUNDS", 2), DURATION = env("DURATION", 60000), WINDOW = env("WINDOW", 2000);
const SETTLE = env("SETTLE", 300), LEAD = env("LEAD", 4000), RATE = env("RATE", 10000), C = env("C", 8), BUCKET = 100;
const CONTROL = process.env.CONTROL === "1";

execFileSync(path.join(root, "mcp-proxy"), ["--help"], { stdio: ["ignore", "ignore", "inherit"] }); // builds if stale
const demo = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", path.join(root, "mcp-proxy-demo/target/mcp-proxy-demo.jar")];
const work = mkdtempSync(path.join(os.tmpdir(), "mcp-proxy-logflood-"));
const config = path.join(work, "mcp-proxy.yaml");
writeFileSync(config, "servers:\n" + ["noisy", "quiet"]
  .map((name) => `  - name: ${name}\n    command: java\n    args: ${JSON.stringify(demo)}\n`).join(""));

const token = randomBytes(24).toString("hex");
const port = await freePortPair();
const mcp = `http://127.0.0.1:${port}/mcp`, api = `http://127.0.0.1:${port + 1}`;
const proxy = start(path.join(root, "mcp-proxy"), ["--config", config, "--port", port, "--api-port", port + 1], { MCP_PROXY_TOKEN: token });

/** The subscriber, which also switches the flood: send("on" | "off") resolves to its answer; end() to its report. */
async function subscriber() {
  const client = spawn("node", [path.join(root, "bench/logflood-client.mjs"), "--api", api, "--mcp", mcp,
    "--tool", "noisy__log_flood", "--server", "noisy", "--rate", RATE],
    { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, MCP_PROXY_TOKEN: token } });
  let err = "";
  const answers = createInterface({ input: client.stdout })[Symbol.asyncIterator]();
  const exited = new Promise((resolve) => client.on("exit", resolve));
  await new Promise((resolve, reject) => {
    client.stderr.on("data", (chunk) => { err += chunk; if (err.includes("following")) resolve(); });
    exited.then((code) => reject(new Error(`subscriber exited with ${code}: ${err}`)));
  });
  const answer = async () => {
    const { value, done } = await answers.next();
    if (done) throw new Error(`subscriber exited: ${err}`);
    return JSON.parse(value);
  };
  return {
    send: (command) => { client.stdin.write(command + "\n"); return answer(); },
    end: async () => { client.stdin.end(); const report = await answer(); await exited; return report; },
  };
}

/**
 * Runs the load client with `clients` clients for `duration` ms while switching the flood every WINDOW ms. Returns the
 * calls/s of each window, with its state, and the proxy's CPU share.
 */
async function measure(flood, clients, duration = DURATION) {
  let finished = false;
  const load = runLoadClient(["--http", mcp, "--tool", "quiet__echo", "--c", clients, "--for-ms", duration,
    "--bucket-ms", BUCKET]).finally(() => { finished = true; });
  const cpuBefore = cpuMs(proxy.pid), began = Date.now();
  // Each switch: when it was asked for and when it was done; a window runs from one's done to the next's asked.
  const switches = [{ on: false, asked: began, done: began }];
  while (!finished) {
    await Promise.race([sleep(WINDOW), load]);
    if (finished) break;
    const on = !switches.at(-1).on, asked = Date.now();
    if (!CONTROL) await flood.send(on ? "on" : "off");
    switches.push({ on, asked, done: Date.now() });
  }
  const { started_at: startedAt, buckets } = await load;
  const cpuShare = (cpuMs(proxy.pid) - cpuBefore) / (Date.now() - began);
  if (switches.at(-1).on && !CONTROL) await flood.send("off");
  const windows = [];
  for (let i = 0; i < switches.length; i++) {
    const from = switches[i].done + SETTLE, to = switches[i + 1]?.asked ?? Infinity;
    const first = Math.max(LEAD / BUCKET, Math.ceil((from - startedAt) / BUCKET));
    const last = Math.min(buckets.length, Math.floor((to - startedAt) / BUCKET)); // exclusive
    if (last - first < 5) continue;
    const calls = buckets.slice(first, last).reduce((sum, n) => sum + n, 0);
    windows.push({ on: switches[i].on, callsPerS: (calls * 1000) / ((last - first) * BUCKET) });
  }
  return { windows, cpuShare };
}

/** Each flooded window against the mean of the quiet windows beside it: the drop in per cent. */
function drops(windows) {
  const result = [];
  windows.forEach((w, i) => {
    if (!w.on) return;
    const beside = [windows[i - 1], windows[i + 1]].filter((x) => x && !x.on);
    if (!beside.length) return;
    result.push(100 * (1 - w.callsPerS / (beside.reduce((sum, x) => sum + x.callsPerS, 0) / beside.length)));
  });
  return result;
}

const mean = (xs) => (xs.length ? xs.reduce((sum, x) => sum + x, 0) / xs.length : NaN);
const quartiles = (xs) => { const s = [...xs].sort((a, b) => a - b); return [s[Math.floor(s.length / 4)], s[Math.floor((3 * s.length) / 4)]]; };
const fmt = (x, digits = 0) => (x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits));

const rows = [], all = { 1: [], [C]: [] };
let report;
try {
  await waitUntil(proxy, async () => (await (await fetch(`${api}/health`)).text()).includes('"running":2'));
  const flood = await subscriber();
  console.error("warming up");
  await measure(flood, C, 10000);
  for (let round = 0; round < ROUNDS; round++) {
    for (const clients of round % 2 === 0 ? [1, C] : [C, 1]) {
      console.error(`round ${round + 1} of ${ROUNDS}: ${clients === 1 ? "sequential" : `${clients} clients`}`);
      const { windows, cpuShare } = await measure(flood, clients);
      const d = drops(windows);
      all[clients].push(...d);
      const rate = (on) => median(windows.filter((w) => w.on === on).map((w) => w.callsPerS));
      rows.push(`| ${round + 1} | ${clients === 1 ? "sequential" : `${clients} clients`} | ${d.length} | ${fmt(rate(false))} | ` +
        `${fmt(rate(true))} | ${fmt(median(d), 1)} % | ${fmt(mean(d), 1)} % | ${quartiles(d).map((x) => fmt(x, 1)).join(" … ")} % | ${fmt(100 * cpuShare)} % |`);
    }
  }
  report = await flood.end();
} finally {
  await stop(proxy);
}

const lines = [
  `${new Date().toISOString()}: ${os.cpus().length} cores, node ${process.version}; ${CONTROL ? "CONTROL: the flood never switched on" : `${RATE} log lines/s asked for`}`,
  `load client: quiet__echo for ${DURATION / 1000} s sequentially and for ${DURATION / 1000} s with ${C} clients per round, ` +
    `${CONTROL ? "windows" : "the flood switched every"} ${WINDOW / 1000} s (first ${SETTLE} ms of each window and first ${LEAD / 1000} s of each load left out); ${ROUNDS} rounds`,
  "",
  "| round | load | flooded windows | calls/s quiet (median) | calls/s flooded (median) | drop median | drop mean | drop quartiles | proxy CPU |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows,
  "",
  `Log lines: written ${report.written}, received ${report.received}, lost ${report.written - report.received + report.lost}` +
    `${report.missed_events ? ` (${report.missed_events} missed events)` : ""}${report.stream_ended ? " (stream ended)" : ""}; ` +
    `${report.lines_per_s ?? "–"} lines/s while flooding; lag p50 / p99 / max ${report.lag_p50_ms} / ${report.lag_p99_ms} / ${report.lag_max_ms} ms.`,
  `Targets, over all flooded windows: log lines lost ${report.written - report.received + report.lost} (goal 0); ` +
    `sequential throughput drop median ${fmt(median(all[1]), 1)} %, mean ${fmt(mean(all[1]), 1)} % (${all[1].length} windows); ` +
    `${C}-client drop median ${fmt(median(all[C]), 1)} %, mean ${fmt(mean(all[C]), 1)} % (${all[C].length} windows) (goal <10 %).`,
];
console.log(lines.join("\n"));
process.exit(0);
