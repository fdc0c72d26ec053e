// The management API's log benchmark: one upstream writes RATE log lines a second (the demo server's log_flood
// tool) while an SSE subscriber on /api/events follows them (log lines only, ?types=log, as a log view asks), and
// the load client (bench/loadclient.mjs) calls another upstream's echo tool through /mcp. Alternates rounds with and
// without the flood on one proxy process and reports the loss, the delivery lag and the change in tool-call
// throughput. Prints a markdown report.
//   node bench/logflood.mjs     # env: ROUNDS=11 RATE=10000 N=10000 C=8 PER=4000
// Every process started here binds 127.0.0.1 and is stopped by its PID.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs, freePortPair, median, runLoadClient, sleep, start, stop, waitUntil } from "./processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.ROUNDS ?? 11), RATE = Number(process.env.RATE ?? 10000);
const N = Number(process.env.N ?? 10000), C = Number(process.env.C ?? 8), PER = Number(process.env.PER ?? 4000);

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

/** Starts the flood; the returned function ends it and resolves to its report. */
async function flood() {
  const client = spawn("node", [path.join(root, "bench/logflood-client.mjs"), "--api", api, "--mcp", mcp,
    "--tool", "noisy__log_flood", "--server", "noisy", "--rate", RATE],
    { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, MCP_PROXY_TOKEN: token } });
  let out = "", err = "";
  client.stdout.on("data", (chunk) => { out += chunk; });
  const exited = new Promise((resolve) => client.on("exit", resolve));
  await new Promise((resolve, reject) => {
    client.stderr.on("data", (chunk) => { err += chunk; if (err.includes("flooding")) resolve(); });
    exited.then((code) => reject(new Error(`flood client exited with ${code}: ${err}`)));
  });
  return async () => {
    client.stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`flood client exited with ${code}: ${err}`);
    return JSON.parse(out.trim().split("\n").pop());
  };
}

/** One load client run, with or without a flood meanwhile, and the proxy's CPU time over it. */
async function phase(flooded) {
  const end = flooded ? await flood() : null;
  if (flooded) await sleep(500);
  const cpuBefore = cpuMs(proxy.pid), began = Date.now();
  const calls = await runLoadClient(["--http", mcp, "--tool", "quiet__echo", "--n", N, "--c", C, "--per", PER]);
  const cpuShare = (cpuMs(proxy.pid) - cpuBefore) / (Date.now() - began);
  return { calls, cpuShare, flood: end ? await end() : null };
}

const rounds = [];
try {
  await waitUntil(proxy, async () => (await (await fetch(`${api}/health`)).text()).includes('"running":2'));
  console.error("warming up");
  await phase(true);
  for (let round = 0; round < ROUNDS; round++) {
    console.error(`round ${round + 1} of ${ROUNDS}`);
    const order = round % 2 === 0 ? [false, true] : [true, false];
    const results = {};
    for (const flooded of order) results[flooded ? "flooded" : "quiet"] = await phase(flooded);
    rounds.push(results);
  }
} finally {
  await stop(proxy);
}

const fmt = (x, digits = 0) => (x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits));
const drop = (pick) => rounds.map((r) => 100 * (1 - pick(r.flooded.calls) / pick(r.quiet.calls)));
const mean = (xs) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const seqDrop = drop((c) => c.seq.calls_per_s), concDrop = drop((c) => c.conc.calls_per_s);
const floods = rounds.map((r) => r.flooded.flood);
const lost = floods.reduce((sum, f) => sum + (f.written - f.received) + f.lost, 0);
const lines = [
  `${new Date().toISOString()}: ${os.cpus().length} cores, node ${process.version}; ${RATE} log lines/s asked for`,
  `load client: ${N} sequential calls of quiet__echo, then ${C} clients × ${PER}; ${ROUNDS} rounds, quiet and flooded alternating`,
  "",
  "| round | seq calls/s quiet → flooded | drop | " + C + " clients calls/s quiet → flooded | drop | proxy CPU quiet → flooded | log lines/s reached | written | received | lost | lag p50 / p99 / max ms |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rounds.map((r, i) => {
    const f = r.flooded.flood;
    return `| ${i + 1} | ${r.quiet.calls.seq.calls_per_s} → ${r.flooded.calls.seq.calls_per_s} | ${fmt(seqDrop[i], 1)} % | ${r.quiet.calls.conc.calls_per_s} → ${r.flooded.calls.conc.calls_per_s} | ${fmt(concDrop[i], 1)} % | ${fmt(100 * r.quiet.cpuShare)} % → ${fmt(100 * r.flooded.cpuShare)} % | ${f.lines_per_s} | ${f.written} | ${f.received} | ${f.written - f.received + f.lost}${f.missed_events ? ` (${f.missed_events} missed events)` : ""}${f.stream_ended ? " (stream ended)" : ""} | ${f.lag_p50_ms} / ${f.lag_p99_ms} / ${f.lag_max_ms} |`;
  }),
  "",
  `Targets (medians over rounds): log lines lost ${lost} (goal 0); log lines/s reached ${fmt(median(floods.map((f) => f.lines_per_s)))} of ${RATE} asked for; ` +
    `sequential throughput drop ${fmt(median(seqDrop), 1)} % and ${C}-client drop ${fmt(median(concDrop), 1)} % (goal <10 %); ` +
    `their means ${fmt(mean(seqDrop), 1)} % and ${fmt(mean(concDrop), 1)} %.`,
];
console.log(lines.join("\n"));
process.exit(0);
