// One benchmark run, on this machine, of server-everything directly over stdio, through MCP Proxy, through the peers
// of bench/peers (installed in PEERS_DIR by bench/run.sh) and through two yardsticks, the floor of a JVM forwarder
// (bench/floor) and server-everything's own streamable HTTP; each setup a fresh process, the setups in alternation,
// in ROUNDS rounds. In each round:
// - the Node load client (bench/loadclient.mjs) on every endpoint: calls/s sequential and with C clients, the proxy
//   process's CPU per call and RSS; then, on the same process, the same load a second time (a long-running proxy is
//   warm, its JIT has compiled what the calls run; a fresh one is not, and the first pass is what counts);
// - wrk (bench/wrk.mjs), a native client that costs the calls next to nothing, on every streamable HTTP endpoint:
//   WRK_SECS s sequential and WRK_SECS s with 8 connections, the proxy's CPU per call and RSS;
// - spawn → ready (each proxy's readiness check), and spawn → every server's tools usable (bench/startup.mjs) for
//   MCP Proxy, mcp-hub and the upstreams alone, with server-everything alone and with server-memory beside it.
// Prints a markdown report (bench/report.mjs) with the ratios the targets ask for.
// Every process started here binds 127.0.0.1 and is stopped by its PID.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs, freePortPair, median, rssMb, runLoadClient, sleep, start, stop, waitUntil } from "./processes.mjs";
import { nativeSection, nodeSection, startupSection } from "./report.mjs";
import { mcpProxyUsable, upstreamsAlone } from "./startup.mjs";
import { openSession, runWrk } from "./wrk.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const N = Number(process.env.N ?? 2000), C = Number(process.env.C ?? 8), PER = Number(process.env.PER ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 3), TRIALS = Number(process.env.STARTUP_TRIALS ?? 5);
const SECOND_PASS = process.env.SECOND_PASS !== "0";
const WRK_SECS = Number(process.env.WRK_SECS ?? 8), WRK_WARMUP_SECS = Number(process.env.WRK_WARMUP_SECS ?? 1);
for (const [name, value] of [["WRK_SECS", WRK_SECS], ["WRK_WARMUP_SECS", WRK_WARMUP_SECS]]) {
  if (!Number.isInteger(value) || value < 0 || (name === "WRK_SECS" && value === 0)) {
    console.error(`${name}=${process.env[name]}: wrk takes whole seconds; set it to 1 or more (WRK_WARMUP_SECS=0: no warm-up)`);
    process.exit(2);
  }
}
const PEERS = process.env.PEERS_DIR ?? "/tmp/peers";
const modules = path.join(PEERS, "node_modules");
const everything = path.join(modules, "@modelcontextprotocol/server-everything/dist/index.js");
const memory = path.join(modules, "@modelcontextprotocol/server-memory/dist/index.js");
const loopback = path.join(root, "testing/node/loopback.cjs");

const work = mkdtempSync(path.join(os.tmpdir(), "mcp-proxy-bench-"));
/** The two upstreams of the start measurements, the same for every setup (mcp-hub's config has them too). */
const UPSTREAMS = [
  { name: "everything", command: `node ${everything} stdio`, env: {} },
  { name: "memory", command: `node ${memory}`, env: { MEMORY_FILE_PATH: path.join(work, "memory.jsonl") } },
];
const yamlServer = (u) => {
  const [command, ...args] = u.command.split(" ");
  const env = Object.entries(u.env).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
  return `  - name: ${u.name}\n    command: ${command}\n    args: ${JSON.stringify(args)}\n${env ? `    env: {${env}}\n` : ""}`;
};
const ourConfig = path.join(work, "mcp-proxy.yaml");
writeFileSync(ourConfig, `servers:\n${yamlServer(UPSTREAMS[0])}`);
const bothConfig = path.join(work, "mcp-proxy-both.yaml");
writeFileSync(bothConfig, `servers:\n${UPSTREAMS.map(yamlServer).join("")}`);
/** An mcp-hub configuration file of the upstreams given. */
const hubConfigOf = (file, upstreams) => {
  writeFileSync(file, JSON.stringify({ mcpServers: Object.fromEntries(upstreams.map((u) => {
    const [command, ...args] = u.command.split(" ");
    return [u.name, { command, args, ...(Object.keys(u.env).length ? { env: u.env } : {}) }];
  })) }));
  return file;
};
const hubConfig = hubConfigOf(path.join(work, "mcp-hub.json"), UPSTREAMS);
/**
 * The start is measured with the upstream alone (the target: "the upstream's own spawn") and with both, each setup
 * given the same servers.
 */
const START_SETS = {
  one: { upstreams: [UPSTREAMS[0]], ours: ourConfig, hub: hubConfigOf(path.join(work, "mcp-hub-one.json"), [UPSTREAMS[0]]) },
  two: { upstreams: UPSTREAMS, ours: bothConfig, hub: hubConfig },
};
const hubEnv = { XDG_STATE_HOME: path.join(work, "state"), XDG_DATA_HOME: path.join(work, "data"),
  XDG_CONFIG_HOME: path.join(work, "config") };

const ok = (url, accept = () => true) => async () => {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return response.ok && accept(await response.text());
};
/** Any HTTP answer at all: the server is listening. */
const answers = (url) => async () => (await fetch(url, { signal: AbortSignal.timeout(1000) }), true);
/** What each proxy is started with and when it counts as ready: each as its own documentation starts it. */
const PROXIES = {
  "MCP Proxy": {
    start: (port, config = ourConfig) => [path.join(root, "mcp-proxy"), ["--config", config, "--port", port, "--api-port", port + 1]],
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
    start: (port, config = hubConfig) => ["node", ["--require", loopback, path.join(modules, "mcp-hub/dist/cli.js"),
      "--port", port, "--config", config]],
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
/** Not proxies either: the floor, and the upstream serving streamable HTTP itself (what no proxy at all gives). */
const YARDSTICKS = {
  [FLOOR]: {
    start: (port) => [ourJvm.exe, [...ourJvm.flags, "-cp", `${floorClasses}${path.delimiter}${ourLibs}`,
      "ForwarderFloor", port, "node", everything, "stdio"]],
    ready: (port) => ok(`http://127.0.0.1:${port}/`),
    endpoints: [["--http", "/mcp"]],
  },
  "server-everything's own streamable HTTP, no proxy": {
    start: (port) => ["node", ["--require", loopback, everything, "streamableHttp"]],
    env: (port) => ({ PORT: port }),
    ready: (port) => answers(`http://127.0.0.1:${port}/mcp`),
    endpoints: [["--http", "/mcp"]],
  },
};
const setup = (kind) => PROXIES[kind] ?? YARDSTICKS[kind];

function launch(kind, port, ...more) {
  const [command, args] = setup(kind).start(port, ...more);
  const env = setup(kind).env;
  return start(command, args, typeof env === "function" ? env(port) : env);
}

/** A fresh process of kind, ready (for MCP Proxy: its server running), idled 1 s; the floor compiled once ours ran. */
async function readyProcess(kind) {
  const port = await freePortPair();
  const child = launch(kind, port);
  try {
    await waitUntil(child, (setup(kind).loaded ?? setup(kind).ready)(port));
    if (kind === "MCP Proxy" && !ourJvm) {
      ourJvm = jvmOf(child.pid);
      compileFloor();
    }
    await sleep(1000);
    return { child, port };
  } catch (e) {
    await stop(child);
    throw e;
  }
}

const load = (args) => runLoadClient([...args, "--n", N, "--c", C, "--per", PER]);

/** The Node client on one endpoint of a fresh process. */
async function measure(kind, [flag, endpoint]) {
  let child = null;
  try {
    const started = await readyProcess(kind);
    child = started.child;
    const rssIdle = rssMb(child.pid);
    const pass = async () => {
      const cpuBefore = cpuMs(child.pid);
      const result = await load([flag, `http://127.0.0.1:${started.port}${endpoint}`]);
      return { ...result, cpu_us_per_call: ((cpuMs(child.pid) - cpuBefore) * 1000) / result.total_calls };
    };
    const first = await pass();
    const rssAfter = rssMb(child.pid);
    return { ...first, rss_idle_mb: rssIdle, rss_after_mb: rssAfter, second: SECOND_PASS ? await pass() : null };
  } catch (e) {
    console.error(`${kind} ${endpoint}: ${e.message}`);
    return null;
  } finally {
    if (child) await stop(child);
  }
}

/** wrk on the streamable HTTP endpoint of a fresh process: a warm-up, then sequential, then 8 connections. */
async function measureNative(kind, endpoint) {
  let child = null;
  try {
    const started = await readyProcess(kind);
    child = started.child;
    const session = await openSession(`http://127.0.0.1:${started.port}${endpoint}`);
    const rssIdle = rssMb(child.pid);
    const warmup = WRK_WARMUP_SECS > 0 ? await runWrk(session, 1, 1, WRK_WARMUP_SECS) : null;
    const timed = async (threads, connections) => {
      const cpuBefore = cpuMs(child.pid);
      const result = await runWrk(session, threads, connections, WRK_SECS);
      const cpu = cpuMs(child.pid) - cpuBefore;
      return { ...result, cpu_ms: cpu, cpu_us_per_call: (cpu * 1000) / result.requests };
    };
    const seq = await timed(1, 1), conc = await timed(2, 8);
    return { warmup, seq, conc, cpu_us_per_call: ((seq.cpu_ms + conc.cpu_ms) * 1000) / (seq.requests + conc.requests),
      rss_idle_mb: rssIdle, rss_after_mb: rssMb(child.pid) };
  } catch (e) {
    console.error(`${kind} ${endpoint} (wrk): ${e.message}`);
    return null;
  } finally {
    if (child) await stop(child);
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

/** One trial of each of the three setups with the same upstreams, in turn: spawn → every server's tools usable. */
async function toolsUsableTrial({ upstreams, ours, hub }) {
  const trial = {};
  try { trial.alone = await upstreamsAlone(upstreams); } catch (e) { console.error(`upstreams alone: ${e.message}`); }
  let port = await freePortPair();
  let child = launch("MCP Proxy", port, ours);
  try {
    const { health_ms, tools_ms } = await mcpProxyUsable(child, port, upstreams);
    Object.assign(trial, { health: health_ms, ours: tools_ms });
  } catch (e) { console.error(`MCP Proxy tools usable: ${e.message}`); }
  await stop(child);
  port = await freePortPair();
  child = launch("mcp-hub", port, hub);
  try { trial.hub = await waitUntil(child, PROXIES["mcp-hub"].ready(port)); } catch (e) { console.error(`mcp-hub ready: ${e.message}`); }
  await stop(child);
  return trial;
}

const rows = new Map(), native = new Map();
const record = (into, name, round, value) => { if (!into.has(name)) into.set(name, []); into.get(name)[round] = value; };
const label = (kind, [flag, endpoint]) => (kind in YARDSTICKS ? kind
  : `${kind}, ${flag === "--http" ? "streamable HTTP" : "SSE"} ${endpoint}`);
const everySetup = [...Object.entries(PROXIES), ...Object.entries(YARDSTICKS)]
  .flatMap(([kind, s]) => s.endpoints.map((endpoint) => [kind, endpoint]));
const ready = {}, usable = { one: {}, two: {} };
const loadBefore = os.loadavg();
for (let round = 0; round < ROUNDS; round++) {
  console.error(`round ${round + 1} of ${ROUNDS}`);
  record(rows, "direct stdio, no proxy", round, await load(["--stdio", `node ${everything} stdio`]));
  for (const [kind, endpoint] of everySetup) {
    record(rows, label(kind, endpoint), round, { ...(await measure(kind, endpoint)), kind });
  }
  for (const [kind, endpoint] of everySetup.filter(([, [flag]]) => flag === "--http")) {
    record(native, label(kind, endpoint), round, { ...(await measureNative(kind, endpoint[1])), kind });
  }
  for (const kind of Object.keys(PROXIES)) (ready[kind] ??= []).push(await readiness(kind));
  for (const [set, upstreams] of Object.entries(START_SETS)) {
    const trials = [];
    for (let i = 0; i < TRIALS; i++) trials.push(await toolsUsableTrial(upstreams));
    for (const key of ["alone", "health", "ours", "hub"]) {
      (usable[set][key] ??= []).push(median(trials.map((t) => t[key])));
    }
  }
}

const yardsticks = Object.keys(YARDSTICKS);
console.log([
  `${new Date().toISOString()}: ${os.cpus().length} cores, load average before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, node ${process.version}`,
  `${ROUNDS} rounds, the setups in alternation in each; Node client: N=${N} sequential calls, ${C} clients × ${PER} calls; wrk: ${WRK_WARMUP_SECS} s warm-up, ${WRK_SECS} s per run`,
  "",
  ...nativeSection({ rows: native, yardsticks, floor: FLOOR, secs: WRK_SECS }),
  "",
  ...startupSection({ usable, trials: TRIALS }),
  "",
  ...nodeSection({ rows, yardsticks, ready, hubRow: "mcp-hub, SSE /mcp", C, secondPass: SECOND_PASS }),
].join("\n"));
process.exit(0);
