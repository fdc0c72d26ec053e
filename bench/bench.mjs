// Measures MCP Proxy against server-everything with bench/loadclient.mjs: direct stdio (no proxy), the proxy's
// streamable HTTP endpoint /mcp and legacy SSE /sse; spawn-to-ready; idle RSS; proxy CPU per call. Then reads the
// peers' results of the same run (../shared/peers harness, run by bench/run.sh just before) and prints ratios.
// Every process started here binds 127.0.0.1 and is stopped by its PID.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const everything = path.join(root, "testing/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const N = Number(process.env.N ?? 2000), C = Number(process.env.C ?? 8), PER = Number(process.env.PER ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 2), TRIALS = Number(process.env.STARTUP_TRIALS ?? 5);
const PEERS_DIR = process.env.PEERS_DIR ?? "/tmp/peers";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; };

const work = mkdtempSync(path.join(os.tmpdir(), "mcp-proxy-bench-"));
const config = path.join(work, "bench.yaml");
writeFileSync(config, `servers:\n  - name: everything\n    command: node\n    args: ["${everything}", "stdio"]\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}
const rssMb = (pid) => Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim()) / 1024;
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

const started = new Set();
function startProxy(port) {
  const child = spawn(path.join(root, "mcp-proxy"), ["--config", config, "--port", String(port), "--api-port", String(port + 1)],
    { stdio: ["ignore", "ignore", "ignore"] });
  started.add(child);
  child.spawnedAt = performance.now();
  return child;
}
async function stopProxy(child) {
  child.kill("SIGTERM");
  for (let i = 0; i < 100 && child.exitCode === null && child.signalCode === null; i++) await sleep(50);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  started.delete(child);
}
process.on("exit", () => { for (const child of started) child.kill("SIGKILL"); });

async function waitFor(child, url, accept) {
  while (performance.now() - child.spawnedAt < 60000) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok && accept(await response.text())) return performance.now() - child.spawnedAt;
    } catch { /* not listening yet */ }
    await sleep(5);
  }
  throw new Error(`${url} not ready within 60 s`);
}

function load(args) {
  return new Promise((resolve, reject) => {
    const client = spawn("node", [path.join(root, "bench/loadclient.mjs"), ...args, "--n", String(N), "--c", String(C),
      "--per", String(PER)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    client.stdout.on("data", (chunk) => { out += chunk; });
    client.on("exit", (code) => code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()))
      : reject(new Error(`load client exited with ${code}`)));
  });
}

async function readiness() {
  const health = [], running = [];
  for (let i = 0; i < TRIALS; i++) {
    const port = await freePort();
    const child = startProxy(port);
    health.push(await waitFor(child, `http://127.0.0.1:${port + 1}/health`, () => true));
    running.push(await waitFor(child, `http://127.0.0.1:${port + 1}/health`, (body) => body.includes('"running":1')));
    await stopProxy(child);
  }
  return { health_ms: median(health), upstream_running_ms: median(running) };
}

async function throughProxy(endpoint) {
  const port = await freePort();
  const child = startProxy(port);
  await waitFor(child, `http://127.0.0.1:${port + 1}/health`, (body) => body.includes('"running":1'));
  await sleep(1000);
  const rssIdle = rssMb(child.pid);
  const cpuBefore = cpuMs(child.pid);
  const result = await load([endpoint === "/mcp" ? "--http" : "--sse", `http://127.0.0.1:${port}${endpoint}`]);
  const cpu = cpuMs(child.pid) - cpuBefore;
  const rssAfter = rssMb(child.pid);
  await stopProxy(child);
  return { ...result, rss_idle_mb: rssIdle, rss_after_mb: rssAfter, cpu_us_per_call: (cpu * 1000) / result.total_calls };
}

const rounds = [];
for (let round = 1; round <= ROUNDS; round++) {
  console.error(`round ${round}: direct stdio, /mcp, /sse, readiness`);
  rounds.push({
    direct: await load(["--stdio", `node ${everything} stdio`]),
    mcp: await throughProxy("/mcp"),
    sse: await throughProxy("/sse"),
    ready: await readiness(),
  });
}

function peerFigures() {
  const files = readdirSync(PEERS_DIR).filter((f) => /^results-\d+\.json$/.test(f)).sort();
  if (!files.length) return null;
  const results = JSON.parse(readFileSync(path.join(PEERS_DIR, files.at(-1)), "utf8"));
  const rows = results.rounds.flatMap((r) => r.setups)
    .filter((row) => row.setup !== "direct-stdio" && !row.setup.includes("stateless") && row.load && !row.load.fatal);
  const best = (pick, better) => rows.reduce((acc, row) => {
    const value = pick(row);
    return value != null && (acc == null || better(value, acc.value)) ? { value, setup: row.setup } : acc;
  }, null);
  const hub = results.rounds.map((r) => r.startup["mcp-hub"]?.median_ms).filter((x) => x != null);
  const hubRss = rows.filter((row) => row.setup.startsWith("mcp-hub")).map((row) => row.rss_idle_kb / 1024);
  return {
    file: path.join(PEERS_DIR, files.at(-1)),
    seq: best((row) => row.load.seq?.calls_per_s, (a, b) => a > b),
    conc: best((row) => row.load.conc?.calls_per_s, (a, b) => a > b),
    cpu: best((row) => row.proxy_cpu_us_per_call, (a, b) => a < b),
    hubRssMb: median(hubRss),
    hubReadyMs: median(hub),
    direct: median(results.rounds.flatMap((r) => r.setups).filter((row) => row.setup === "direct-stdio")
      .map((row) => row.load.seq?.calls_per_s)),
  };
}

const fmt = (x, digits = 0) => (x == null ? "–" : Number(x).toFixed(digits));
const per = (key, pick) => rounds.map((r) => pick(r[key]));
const joined = (xs, digits = 0) => xs.map((x) => fmt(x, digits)).join(" / ");
const lines = [
  `${os.cpus().length} cores, node ${process.version}, N=${N}, C=${C}×${PER}, ${ROUNDS} rounds (figures per round)`,
  "",
  "| setup | seq p50 ms | seq calls/s | 8 clients calls/s | idle RSS MB | RSS after MB | proxy CPU µs/call |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  `| direct stdio | ${joined(per("direct", (x) => x.seq.p50_ms), 2)} | ${joined(per("direct", (x) => x.seq.calls_per_s))} | ${joined(per("direct", (x) => x.conc.calls_per_s))} | – | – | – |`,
];
for (const [key, name] of [["mcp", "MCP Proxy, streamable HTTP /mcp"], ["sse", "MCP Proxy, legacy SSE /sse"]]) {
  lines.push(`| ${name} | ${joined(per(key, (x) => x.seq.p50_ms), 2)} | ${joined(per(key, (x) => x.seq.calls_per_s))} | ${joined(per(key, (x) => x.conc.calls_per_s))} | ${joined(per(key, (x) => x.rss_idle_mb))} | ${joined(per(key, (x) => x.rss_after_mb))} | ${joined(per(key, (x) => x.cpu_us_per_call))} |`);
}
lines.push("", `spawn → first GET /health answer: ${joined(per("ready", (x) => x.health_ms))} ms; → upstream running: ${joined(per("ready", (x) => x.upstream_running_ms))} ms (median of ${TRIALS} each)`);

const peers = peerFigures();
if (peers) {
  const mcpSeq = median(per("mcp", (x) => x.seq.calls_per_s)), mcpConc = median(per("mcp", (x) => x.conc.calls_per_s));
  const directSeq = median(per("direct", (x) => x.seq.calls_per_s));
  const cpu = median(per("mcp", (x) => x.cpu_us_per_call)), rss = median(per("mcp", (x) => x.rss_idle_mb));
  const ready = median(per("ready", (x) => x.health_ms));
  const row = (what, ours, theirs, target, ok) => `| ${what} | ${ours} | ${theirs} | ${target} | ${ok ? "yes" : "**no**"} |`;
  lines.push("", `Peers of the same run: ${peers.file}`, "",
    "| target | MCP Proxy (median) | peer | target | met |", "| --- | --- | --- | --- | --- |",
    row("seq calls/s /mcp ≥ 2× best peer", fmt(mcpSeq), `${fmt(peers.seq.value)} (${peers.seq.setup})`, fmt(2 * peers.seq.value), mcpSeq >= 2 * peers.seq.value),
    row("seq calls/s /mcp ≥ ½ direct stdio", fmt(mcpSeq), `direct ${fmt(directSeq)} (peers' client: ${fmt(peers.direct)})`, fmt(directSeq / 2), mcpSeq >= directSeq / 2),
    row("8 clients calls/s ≥ 2× best peer", fmt(mcpConc), `${fmt(peers.conc.value)} (${peers.conc.setup})`, fmt(2 * peers.conc.value), mcpConc >= 2 * peers.conc.value),
    row("proxy CPU µs/call ≤ ⅓ best peer", fmt(cpu), `${fmt(peers.cpu.value)} (${peers.cpu.setup})`, fmt(peers.cpu.value / 3), cpu <= peers.cpu.value / 3),
    row("idle RSS MB ≤ mcp-hub", fmt(rss), fmt(peers.hubRssMb), fmt(peers.hubRssMb), rss <= peers.hubRssMb),
    row("spawn → /health ≤ ½ mcp-hub ready", fmt(ready), fmt(peers.hubReadyMs), fmt(peers.hubReadyMs / 2), ready <= peers.hubReadyMs / 2));
} else {
  lines.push("", `No peer results in ${PEERS_DIR}; run bench/run.sh (it runs the peers' harness first).`);
}
console.log(lines.join("\n"));
process.exit(0);
