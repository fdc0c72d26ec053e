// Process helpers for the benchmarks: free loopback ports, a process's CPU time and RSS, starting a program and
// stopping it with everything it started, by PID. Whatever is still running when node exits is killed.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

/** A free port whose successor is free too: the proxy port and the api port. */
export async function freePortPair() {
  for (;;) {
    const port = await freePort();
    if (port < 65535 && await new Promise((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port + 1, "127.0.0.1", () => probe.close(() => resolve(true)));
    })) return port;
  }
}

export const rssMb = (pid) => Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim()) / 1024;

/** User + system CPU time of the process itself (not its children), in ms. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const running = new Set();
process.on("exit", () => { for (const child of running) child.kill("SIGKILL"); });

/** Starts a program, its stdout ignored and the end of its stderr kept (child.stderrTail); child.spawnedAt is when. */
export function start(command, args, env = {}) {
  const child = spawn(command, args.map(String),
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  child.stderrTail = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => { child.stderrTail = (child.stderrTail + chunk).slice(-2000); });
  running.add(child);
  child.spawnedAt = performance.now();
  return child;
}

function descendants(pid) {
  const out = execFileSync("ps", ["-e", "-o", "pid=,ppid="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, ppid] of out) if (ppid === parent) { found.push(child); queue.push(child); }
  }
  return found;
}

/** SIGTERM, up to 5 s of grace, then SIGKILL; and SIGKILL to whatever it had started. */
export async function stop(child) {
  const children = descendants(child.pid);
  child.kill("SIGTERM");
  for (let i = 0; i < 100 && child.exitCode === null && child.signalCode === null; i++) await sleep(50);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const pid of children) { try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ } }
  running.delete(child);
}

/** Polls check() until it is true; the ms since spawn. */
export async function waitUntil(child, check) {
  while (performance.now() - child.spawnedAt < 60000) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}: ${child.stderrTail.trim()}`);
    try { if (await check()) return performance.now() - child.spawnedAt; } catch { /* not yet */ }
    await sleep(5);
  }
  throw new Error("not ready within 60 s");
}

/** Runs bench/loadclient.mjs with these arguments; its JSON result. */
export function runLoadClient(args) {
  return new Promise((resolve, reject) => {
    const client = spawn("node", [fileURLToPath(new URL("loadclient.mjs", import.meta.url)), ...args.map(String)],
      { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    client.stdout.on("data", (chunk) => { out += chunk; });
    client.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()))
      : reject(new Error(`load client exited with ${code}`))));
  });
}
