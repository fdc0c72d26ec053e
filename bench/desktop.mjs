// The desktop app's launch and its memory once idle. Each round runs ./mcp-proxy desktop on an Xvfb of this script's
// own, with HOME and the XDG folders in a temporary folder whose configuration holds the demo server (Java), and
// times from the spawn until the app logs that its window shows the servers list with the demo server running (the
// app checks its page on each frame from the first load: the row is in the document, drawn at the next frame). Then,
// after IDLE_MS (10 s) of idle, the RSS of the app, its sidecar and the demo server (ps), and what the two JVMs'
// memory is made of (jcmd GC.heap_info, /proc/PID/status); then SIGTERM, and nothing of it may be left 2 s after the
// app's exit. Medians of the rounds, beside an Electron app's typical idle RSS.
//   node bench/desktop.mjs [rounds]        (default 5; the launcher builds what is missing first)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { descendants, median, sleep } from "./processes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const launcher = join(root, "mcp-proxy");
const rounds = Number(process.argv[2] ?? 5);
const idleMs = Number(process.env.IDLE_MS ?? 10000);
const ELECTRON_IDLE_MB = 380;
const TARGET_MS = 2000;
if (!(rounds >= 1)) throw new Error(`rounds must be a number of at least 1, not ${process.argv[2]}`);

const started = new Set();
process.on("exit", () => { for (const pid of started) { try { process.kill(pid, "SIGKILL"); } catch { /* gone */ } } });

/** An Xvfb on a display number it picks itself (-displayfd): [its process, ":N"]. */
async function startXvfb() {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
    { stdio: ["ignore", "ignore", "ignore", "pipe"] });
  started.add(xvfb.pid);
  const number = await new Promise((resolve, reject) => {
    xvfb.once("error", (e) => reject(new Error(`Xvfb did not start (is package xvfb installed?): ${e.message}`)));
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
    createInterface({ input: xvfb.stdio[3] }).once("line", resolve);
  });
  return [xvfb, `:${number.trim()}`];
}

const kb = (pid) => Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim());
const mb = (kilobytes) => kilobytes / 1024;

/** /proc/PID/status's split of the RSS (kB): anonymous memory, file mappings (the libraries), shared memory. */
function rssParts(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))[1]);
  return { anon: field("RssAnon"), file: field("RssFile"), shmem: field("RssShmem") };
}

/** A JVM's Java heap and metaspace, committed (kB): jcmd GC.heap_info (the serial collector's) and VM.metaspace. */
function heapInfo(pid) {
  const jcmd = (command) => execFileSync("jcmd", [String(pid), command], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  const info = jcmd("GC.heap_info");
  const heap = [...info.matchAll(/^(?:DefNew|Tenured)\s+total (\d+)K, used (\d+)K/gm)];
  const metaspace = jcmd("VM.metaspace").match(/^Metaspace\s+used (\d+)K, committed (\d+)K/m);
  if (heap.length !== 2 || !metaspace) throw new Error(`jcmd ${pid}: not the serial collector's heap, or no metaspace:\n${info}`);
  return {
    heap: heap.reduce((sum, m) => sum + Number(m[1]), 0), heapUsed: heap.reduce((sum, m) => sum + Number(m[2]), 0),
    metaspace: Number(metaspace[2]),
  };
}

/** Gone, or a zombie waiting to be reaped: holding nothing. */
function ended(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

function writeConfig(home) {
  const folder = join(home, "config", "mcp-proxy");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "mcp-proxy-config.yaml"), `servers:
  - name: demo
    command: java
    args: ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", "${join(root, "mcp-proxy-demo/target/mcp-proxy-demo.jar")}"]
`);
}

/** One launch: the times of its steps since the spawn, the idle memory, and what was left after SIGTERM. */
async function round(display, home) {
  const spawnedAt = performance.now();
  const app = spawn(launcher, ["desktop"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DISPLAY: display, HOME: home, XDG_CONFIG_HOME: join(home, "config"),
      XDG_STATE_HOME: join(home, "state") },
  });
  started.add(app.pid);
  let output = "";
  const seen = {};
  const shown = new Promise((resolve, reject) => {
    const read = (line) => {
      output = (output + line + "\n").slice(-4000);
      const at = performance.now() - spawnedAt;
      let m;
      if ((m = line.match(/Starting the sidecar \(pid (\d+)\)/))) Object.assign(seen, { sidecarPid: Number(m[1]), sidecarSpawned: at });
      if (/The sidecar is ready in \d+ ms/.test(line)) seen.sidecarReady = at;
      if ((m = line.match(/The window shows the servers list, every one running \((.*)\)/))) {
        if (!m[1].split(", ").includes("demo")) reject(new Error(`the list shows ${m[1]}, not demo`));
        seen.shown = at;
        resolve();
      }
    };
    createInterface({ input: app.stdout }).on("line", read);
    createInterface({ input: app.stderr }).on("line", read);
    app.once("exit", (code) => reject(new Error(`the app exited with ${code} before it showed the servers:\n${output}`)));
    setTimeout(() => reject(new Error(`the servers list not shown within 60 s:\n${output}`)), 60000).unref();
  });
  await shown;

  await sleep(idleMs);
  const demo = descendants(seen.sidecarPid).find((pid) => {
    try { return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("mcp-proxy-demo.jar"); } catch { return false; }
  });
  if (!demo) throw new Error("the sidecar runs no demo server");
  const rss = { app: kb(app.pid), sidecar: kb(seen.sidecarPid), demo: kb(demo) };
  const parts = { app: rssParts(app.pid), sidecar: rssParts(seen.sidecarPid) };
  const heap = { app: heapInfo(app.pid), sidecar: heapInfo(seen.sidecarPid) };

  const tree = [seen.sidecarPid, ...descendants(seen.sidecarPid)];
  const stoppedAt = performance.now();
  app.kill("SIGTERM");
  await new Promise((resolve) => (app.exitCode !== null || app.signalCode !== null ? resolve() : app.once("exit", resolve)));
  const quitMs = performance.now() - stoppedAt;
  await sleep(2000);
  const left = [app.pid, ...tree].filter((pid) => !ended(pid));
  for (const pid of left) { try { process.kill(pid, "SIGKILL"); } catch { /* gone */ } }
  started.delete(app.pid);
  return { ...seen, rss, parts, heap, quitMs, left };
}

// The build and the sidecar's class cache first, untimed: the launcher makes them when they are missing or old.
execFileSync(launcher, ["--help"], { stdio: "ignore" });
const [xvfb, display] = await startXvfb();
const home = mkdtempSync(join(tmpdir(), "desktop-bench-"));
writeConfig(home);
const load = loadavg()[0];
const results = [];
try {
  for (let i = 0; i < rounds; i++) results.push(await round(display, home));
} finally {
  xvfb.kill("SIGTERM");
  started.delete(xvfb.pid);
  rmSync(home, { recursive: true, force: true });
}

const ms = (xs) => xs.map((x) => String(Math.round(x)).padStart(5)).join(" ");
const of = (pick) => results.map(pick);
const med = (pick) => median(of(pick));
const f1 = (x) => x.toFixed(1).padStart(6);
const launch = of((r) => r.shown);
console.log(`desktop app, spawn of ./mcp-proxy desktop → its window shows the demo server running (ms, ${rounds} rounds, load ${load.toFixed(2)} at the start):`);
console.log(`  launch         median ${Math.round(median(launch))}   [${ms(launch)}]   target < ${TARGET_MS} ms`);
console.log(`  sidecar spawn  median ${Math.round(med((r) => r.sidecarSpawned))}   [${ms(of((r) => r.sidecarSpawned))}]`);
console.log(`  sidecar ready  median ${Math.round(med((r) => r.sidecarReady))}   [${ms(of((r) => r.sidecarReady))}]`);
console.log(`idle RSS ${idleMs / 1000} s after the window showed it (MB, median of ${rounds}):`);
const appMb = mb(med((r) => r.rss.app));
const sidecarMb = mb(med((r) => r.rss.sidecar));
const bothMb = mb(med((r) => r.rss.app + r.rss.sidecar));
const made = (who) => `Java heap ${f1(mb(med((r) => r.heap[who].heap)))} (used ${mb(med((r) => r.heap[who].heapUsed)).toFixed(1)}), `
  + `metaspace ${mb(med((r) => r.heap[who].metaspace)).toFixed(1)}; anonymous ${mb(med((r) => r.parts[who].anon)).toFixed(1)}, `
  + `files ${mb(med((r) => r.parts[who].file)).toFixed(1)}, shared ${mb(med((r) => r.parts[who].shmem)).toFixed(1)}`;
console.log(`  app (JavaFX, WebKit)  ${f1(appMb)}   ${made("app")}`);
console.log(`  sidecar               ${f1(sidecarMb)}   ${made("sidecar")}`);
console.log(`  app + sidecar         ${f1(bothMb)}   [${results.map((r) => mb(r.rss.app + r.rss.sidecar).toFixed(1)).join(" ")}]`);
console.log(`  Electron app idle      ~${ELECTRON_IDLE_MB}   app + sidecar ÷ Electron ${(bothMb / ELECTRON_IDLE_MB).toFixed(2)}`);
console.log(`  demo server, apart    ${f1(mb(med((r) => r.rss.demo)))}`);
const left = results.flatMap((r) => r.left);
console.log(`SIGTERM → the app's exit median ${Math.round(med((r) => r.quitMs))} ms; left 2 s after: ${left.length ? left.join(", ") : "nothing"}`);
if (left.length) process.exitCode = 1;
