// Process helpers for the benchmarks: free loopback ports, a process's CPU time and RSS, starting a program and
// stopping it with everything it started, by PID. Whatever is still running when node exits is killed.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; };

/** Free on loopback now: binding it, and letting go. */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * A free port whose successor is free too: the proxy port and the api port. Taken below the kernel's ephemeral
 * range, where the load clients' own connections take their local ports: a port handed out by the kernel (port 0)
 * can be taken by an outgoing connection in the moment between this check and the proxy's bind (seen: "Port … is
 * already in use" for an api port twice in one run).
 */
export async function freePortPair() {
  const [ephemeralLow] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  const low = 10000, high = Math.max(low + 1000, ephemeralLow) - 2;
  for (;;) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await isFree(port) && await isFree(port + 1)) return port;
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

/** Every process under pid, its children first. */
export function descendants(pid) {
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
