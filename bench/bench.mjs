// One benchmark run: the same load client (bench/loadclient.mjs) against server-everything directly over stdio,
// through MCP Proxy, through the peers of bench/peers (installed in PEERS_DIR by bench/run.sh) and through a
// yardstick, the floor of a JVM forwarder (bench/floor), in alternation, on this machine. Measures calls/s
// sequential and with C clients, the proxy process's CPU per call and RSS, and spawn-to-ready. Then, on the same
// process, the same load a second time: a long-running proxy is warm (its JIT has compiled what the calls run), a
// fresh one is not, and the first pass is what the targets are measured on. Prints a markdown report with the
// ratios the targets ask for, for both passes.
// Every process started here binds 127.0.0.1 and is stopped by its PID.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs, freePortPair, median, rssMb, runLoadClient, sleep, start, stop, waitUntil } from "./processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const N = Number(process.env.N ?? 2000), C = Number(process.env.C ?? 8), PER = Number(process.env.PER ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 3), TRIALS = Number(process.env.STARTUP_TRIALS ?? 5);
const SECOND_PASS = process.env.SECOND_PASS !== "0";
const PEERS = process.env.PEERS_DIR ?? "/tmp/peers";
const modules = path.join(PEERS, "node_modules");
const everything = path.join(modules, "@modelcontextprotocol/server-everything/dist/index.js");
const memory = path.join(modules, "@modelcontextprotocol/server-memory/dist/index.js");
const loopback = path.join(root, "testing/node/loopback.cjs");

const work = mkdtempSync(path.join(os.tmpdir(), "mcp-proxy-bench-"));
const ourConfig = path.join(work, "mcp-proxy.yaml");
writeFileSync(ourConfig, `servers:\n  - name: everything\n    command: node\n    args: ["${everything}", "stdio"]\n`);
const hubConfig = path.join(work, "mcp-hub.json");
writeFileSync(hubConfig, JSON.stringify({ mcpServers: {
  everything: { command: "node", args: [everything, "stdio"] },
  memory: { command: "node", args: [memory], env: { MEMORY_FILE_PATH: path.join(work, "memory.jsonl") } },
} }));
const hubEnv = { XDG_STATE_HOME: path.join(work, "state"), XDG_DATA_HOME: path.join(work, "data"),
  XDG_CONFIG_HOME: path.join(work, "config") };

const ok = (url, accept = () => true) => async () => {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return response.ok && accept(await response.text());
};
/** What each proxy is started with and when it counts as ready: each as its own documentation starts it. */
const PROXIES = {
  "MCP Proxy": {
    start: (port) => [path.join(root, "mcp-proxy"), ["--config", ourConfig, "--port", port, "--api-port", port + 1]],
    ready: (port) => ok(`http://127.0.0.1:${port + 1}/health`),
    loaded: (port) => ok(`http://127.0.0.1:${port + 1}/health`, (body) => body.includes('"running":1')),
    endpoints: [["--http", "/mcp"], ["--sse", "/sse"]],
  },
  "mcp-proxy": {
    start: (port) => ["node", [path.join(modules, "mcp-proxy/dist/bin/mcp-proxy.mjs"), "--host", "127.0.0.1",
      "--port", port, "--", "node", everything, "stdio"]],
    ready: (port) => ok(`http://127.0.0.1:${port}/ping`),
    endpoints: [["--http", "/mcp"], ["--sse", "/sse"]],
  },
  "supergateway (stateful HTTP)": {
    start: (port) => ["node", ["--require", loopback, path.join(modules, "supergateway/dist/index.js"), "--stdio",
      `node ${everything} stdio`, "--outputTransport", "streamableHttp", "--stateful", "--port", port,
      "--healthEndpoint", "/healthz", "--logLevel", "none"]],
    ready: (port) => ok(`http://127.0.0.1:${port}/healthz`),
    endpoints: [["--http", "/mcp"]],
  },
  "supergateway (SSE)": {
    start: (port) => ["node", ["--require", loopback, path.join(modules, "supergateway/dist/index.js"), "--stdio",
      `node ${everything} stdio`, "--port", port, "--healthEndpoint", "/healthz", "--logLevel", "none"]],
    ready: (port) => ok(`http://127.0.0.1:${port}/healthz`),
    endpoints: [["--sse", "/sse"]],
  },
  "mcp-hub": {
    start: (port) => ["node", ["--require", loopback, path.join(modules, "mcp-hub/dist/cli.js"), "--port", port,
      "--config", hubConfig]],
    env: hubEnv,
    ready: (port) => ok(`http://127.0.0.1:${port}/api/health`, (body) => {
      const health = JSON.parse(body);
      return health.state === "ready" && health.servers.every((s) => s.status === "connected");
    }),
    endpoints: [["--sse", "/mcp"]],
  },
};

/** The java and JVM flags the launcher gave MCP Proxy, read from its process; the floor runs with the same. */
let ourJvm = null;
const jvmOf = (pid) => {
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(1);
  const flags = args.slice(0, args.indexOf("-jar")).filter((a) => !a.startsWith("-XX:AOTCache="));
  return { exe: readlinkSync(`/proc/${pid}/exe`), flags };
};
/** Not a proxy: bench/floor/ForwarderFloor.java, the least a JVM can do to carry the same calls (see its comment). */
const FLOOR = "JVM forwarder floor (bench/floor)";
const ourLibs = path.join(root, "mcp-proxy-server/target/lib/*");
const floorClasses = path.join(work, "floor");
/** Compiled ahead, so that its memory is not javac's. */
const compileFloor = () => execFileSync(path.join(path.dirname(ourJvm.exe), "javac"), ["-cp", ourLibs, "-d",
  floorClasses, path.join(root, "bench/floor/ForwarderFloor.java")]);
const YARDSTICKS = {
  [FLOOR]: {
    start: (port) => [ourJvm.exe, [...ourJvm.flags, "-cp", `${floorClasses}${path.delimiter}${ourLibs}`,
      "ForwarderFloor", port, "node", everything, "stdio"]],
    ready: (port) => ok(`http://127.0.0.1:${port}/`),
    endpoints: [["--http", "/mcp"]],
  },
};
const setup = (kind) => PROXIES[kind] ?? YARDSTICKS[kind];

function launch(kind, port) {
  const [command, args] = setup(kind).start(port);
  return start(command, args, setup(kind).env);
}

const load = (args) => runLoadClient([...args, "--n", N, "--c", C, "--per", PER]);

async function measure(kind, [flag, endpoint]) {
  const port = await freePortPair();
  const child = launch(kind, port);
  try {
    await waitUntil(child, (setup(kind).loaded ?? setup(kind).ready)(port));
    if (kind === "MCP Proxy" && !ourJvm) {
      ourJvm = jvmOf(child.pid);
      compileFloor();
    }
    await sleep(1000);
    const rssIdle = rssMb(child.pid);
    const pass = async () => {
      const cpuBefore = cpuMs(child.pid);
      const result = await load([flag, `http://127.0.0.1:${port}${endpoint}`]);
      return { ...result, cpu_us_per_call: ((cpuMs(child.pid) - cpuBefore) * 1000) / result.total_calls };
    };
    const first = await pass();
    const rssAfter = rssMb(child.pid);
    return { ...first, rss_idle_mb: rssIdle, rss_after_mb: rssAfter, second: SECOND_PASS ? await pass() : null };
  } catch (e) {
    console.error(`${kind} ${endpoint}: ${e.message}`);
    return null;
  } finally {
    await stop(child);
  }
}

async function readiness(kind) {
  const times = [];
  for (let i = 0; i < TRIALS; i++) {
    const port = await freePortPair();
    const child = launch(kind, port);
    try { times.push(await waitUntil(child, PROXIES[kind].ready(port))); } catch (e) { console.error(`${kind} ready: ${e.message}`); }
    await stop(child);
  }
  return median(times);
}

const rows = new Map();
const record = (name, round, value) => { if (!rows.has(name)) rows.set(name, []); rows.get(name)[round] = value; };
const ready = {};
for (let round = 0; round < ROUNDS; round++) {
  console.error(`round ${round + 1} of ${ROUNDS}`);
  record("direct stdio, no proxy", round, await load(["--stdio", `node ${everything} stdio`]));
  for (const [kind, proxy] of Object.entries(PROXIES)) {
    for (const endpoint of proxy.endpoints) {
      const label = `${kind}, ${endpoint[0] === "--http" ? "streamable HTTP" : "SSE"} ${endpoint[1]}`;
      record(label, round, { ...(await measure(kind, endpoint)), kind });
    }
  }
  for (const [kind, floor] of Object.entries(YARDSTICKS)) {
    for (const endpoint of floor.endpoints) record(kind, round, { ...(await measure(kind, endpoint)), kind });
  }
  for (const kind of Object.keys(PROXIES)) (ready[kind] ??= []).push(await readiness(kind));
}

const fmt = (x, digits = 0) => (x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits));
const each = (values, pick, digits = 0) => values.map((v) => fmt(v?.seq ? pick(v) : null, digits)).join(" / ");
const lines = [
  `${new Date().toISOString()}: ${os.cpus().length} cores, load average before ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}, node ${process.version}`,
  `N=${N} sequential calls, ${C} clients × ${PER} calls; ${ROUNDS} rounds, figures per round (r1 / r2 ...)`,
  "",
  "| setup | seq p50 ms | seq calls/s | " + C + " clients calls/s | idle RSS MB | RSS after MB | proxy CPU µs/call | load client CPU µs/call | spawn → ready ms | second pass: seq calls/s | " + C + " clients calls/s | proxy CPU µs/call |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
];
for (const [name, values] of rows) {
  const kind = values.find((v) => v?.kind)?.kind;
  lines.push(`| ${name} | ${each(values, (v) => v.seq.p50_ms, 2)} | ${each(values, (v) => v.seq.calls_per_s)} | ${each(values, (v) => v.conc.calls_per_s)} | ${each(values, (v) => v.rss_idle_mb)} | ${each(values, (v) => v.rss_after_mb)} | ${each(values, (v) => v.cpu_us_per_call)} | ${each(values, (v) => v.client_cpu_us_per_call)} | ${ready[kind]?.map((x) => fmt(x)).join(" / ") ?? "–"} | ` +
    `${each(values, (v) => v.second?.seq.calls_per_s)} | ${each(values, (v) => v.second?.conc.calls_per_s)} | ${each(values, (v) => v.second?.cpu_us_per_call)} |`);
}

const med = (name, pick) => median((rows.get(name) ?? []).filter((v) => v?.seq).map(pick));
const peerRows = [...rows.keys()].filter((name) => !name.startsWith("MCP Proxy") && !name.startsWith("direct")
  && !(name in YARDSTICKS));
const best = (pick, better) => peerRows.map((name) => ({ name, value: med(name, pick) }))
  .filter((p) => p.value != null).reduce((a, b) => (a == null || better(b.value, a.value) ? b : a), null);
const ours = "MCP Proxy, streamable HTTP /mcp";
const seq = med(ours, (v) => v.seq.calls_per_s), conc = med(ours, (v) => v.conc.calls_per_s);
const cpu = med(ours, (v) => v.cpu_us_per_call), rss = med(ours, (v) => v.rss_idle_mb);
const direct = med("direct stdio, no proxy", (v) => v.seq.calls_per_s);
const bestSeq = best((v) => v.seq.calls_per_s, (a, b) => a > b), bestConc = best((v) => v.conc.calls_per_s, (a, b) => a > b);
const bestCpu = best((v) => v.cpu_us_per_call, (a, b) => a < b);
const hubRss = med("mcp-hub, SSE /mcp", (v) => v.rss_idle_mb), hubReady = median(ready["mcp-hub"]), ourReady = median(ready["MCP Proxy"]);
const secondPass = (pick) => (v) => (v.second ? pick(v.second) : null);
const target = (what, ratio, goal, detail) => `| ${what} | ${fmt(ratio, 2)} | ${goal} | ${ratio == null ? "–" : (goal.startsWith("≥") ? ratio >= Number(goal.slice(1)) : ratio <= Number(goal.slice(1))) ? "yes" : "**no**"} | ${detail} |`;
lines.push("", "Targets (medians over rounds; MCP Proxy's streamable HTTP /mcp against the best peer on any endpoint):", "",
  "| target | ratio | goal | met | figures |", "| --- | --- | --- | --- | --- |",
  target("sequential calls/s ÷ best peer", seq / bestSeq?.value, "≥2", `${fmt(seq)} vs ${fmt(bestSeq?.value)} (${bestSeq?.name})`),
  target("sequential calls/s ÷ direct stdio", seq / direct, "≥0.5", `${fmt(seq)} vs ${fmt(direct)}`),
  target(`${C} clients calls/s ÷ best peer`, conc / bestConc?.value, "≥2", `${fmt(conc)} vs ${fmt(bestConc?.value)} (${bestConc?.name})`),
  target("proxy CPU per call ÷ best peer", cpu / bestCpu?.value, "≤0.333", `${fmt(cpu)} µs vs ${fmt(bestCpu?.value)} µs (${bestCpu?.name})`),
  target("idle RSS ÷ mcp-hub", rss / hubRss, "≤1", `${fmt(rss)} MB vs ${fmt(hubRss)} MB`),
  target("spawn → /health ÷ mcp-hub ready", ourReady / hubReady, "≤0.5", `${fmt(ourReady)} ms vs ${fmt(hubReady)} ms`));
if (SECOND_PASS) {
  const seq2 = med(ours, secondPass((v) => v.seq.calls_per_s)), conc2 = med(ours, secondPass((v) => v.conc.calls_per_s));
  const cpu2 = med(ours, secondPass((v) => v.cpu_us_per_call));
  const bestSeq2 = best(secondPass((v) => v.seq.calls_per_s), (a, b) => a > b);
  const bestConc2 = best(secondPass((v) => v.conc.calls_per_s), (a, b) => a > b);
  const bestCpu2 = best(secondPass((v) => v.cpu_us_per_call), (a, b) => a < b);
  lines.push("", "The same load a second time on the same processes (warm; for information, the targets above are on the first pass):", "",
    "| target | ratio | goal | met | figures |", "| --- | --- | --- | --- | --- |",
    target("sequential calls/s ÷ best peer", seq2 / bestSeq2?.value, "≥2", `${fmt(seq2)} vs ${fmt(bestSeq2?.value)} (${bestSeq2?.name})`),
    target(`${C} clients calls/s ÷ best peer`, conc2 / bestConc2?.value, "≥2", `${fmt(conc2)} vs ${fmt(bestConc2?.value)} (${bestConc2?.name})`),
    target("proxy CPU per call ÷ best peer", cpu2 / bestCpu2?.value, "≤0.333", `${fmt(cpu2)} µs vs ${fmt(bestCpu2?.value)} µs (${bestCpu2?.name})`));
}
console.log(lines.join("\n"));
process.exit(0);
