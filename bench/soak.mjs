// A long run: C clients call server-everything's echo through MCP Proxy's /mcp for DURATION_S seconds, while the
// proxy's RSS and CPU time are sampled every SAMPLE_S seconds; once per JVM variant, the variants side by side at
// the same time (so that whatever else the machine does hits them alike). The variants are the launcher's flags
// (mcp-proxy-server/jvm.options) and what VARIANTS names of: "c2" (the tiered compilers up to C2 instead of C1
// alone), "heap=SIZE" (-Xmx SIZE instead of the file's), "+FLAGS" (these flags, space-separated, after the file's). Prints a markdown report: per minute calls/s, proxy CPU per
// call and RSS, and the totals after the first WARMUP_S seconds.
//   node bench/soak.mjs        # env: DURATION_S=600 C=8 SAMPLE_S=1 WARMUP_S=60 IDLE_AFTER_S=30 VARIANTS=launcher,c2
// Needs the built jar (./mcp-proxy --help builds it) and testing/node's npm packages (npm ci there). Every process
// binds 127.0.0.1 and is stopped by its PID.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpuMs, freePortPair, rssMb, runLoadClient, sleep, start, stop, waitUntil } from "./processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DURATION_S = Number(process.env.DURATION_S ?? 600), C = Number(process.env.C ?? 8);
const SAMPLE_S = Number(process.env.SAMPLE_S ?? 1), WARMUP_S = Number(process.env.WARMUP_S ?? 60);
const VARIANTS = (process.env.VARIANTS ?? "launcher,c2").split(",");
/** How long the proxy idles after the load before its RSS is read again: does it give memory back? */
const IDLE_AFTER_S = Number(process.env.IDLE_AFTER_S ?? 30);
const everything = path.join(root, "testing/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const jar = path.join(root, "mcp-proxy-server/target/mcp-proxy-server.jar");
const java = path.join(process.env.JAVA_HOME ?? "/usr/lib/jvm/temurin-25-jdk-amd64", "bin/java");

const launcherFlags = readFileSync(path.join(root, "mcp-proxy-server/jvm.options"), "utf8").split("\n")
  .map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
/** The JVM flags of a variant: the launcher's, changed as its name says. */
function flagsOf(variant) {
  if (variant === "launcher") return launcherFlags;
  if (variant === "c2") return launcherFlags.filter((f) => !f.startsWith("-XX:TieredStopAtLevel")
    && !f.startsWith("-XX:CompileThresholdScaling") && !f.startsWith("-XX:ReservedCodeCacheSize"));
  if (variant.startsWith("heap=")) return [...launcherFlags.filter((f) => !f.startsWith("-Xmx")), `-Xmx${variant.slice(5)}`];
  if (variant.startsWith("+")) return [...launcherFlags, ...variant.slice(1).split(" ")];
  throw new Error(`unknown variant ${variant}: launcher, c2, heap=SIZE or +FLAGS`);
}

const work = mkdtempSync(path.join(os.tmpdir(), "mcp-proxy-soak-"));
const config = path.join(work, "soak.yaml");
writeFileSync(config, `servers:\n  - name: everything\n    command: node\n    args: ["${everything}", "stdio"]\n`);

async function soak(variant) {
  const port = await freePortPair();
  const child = start(java, [...flagsOf(variant), "-jar", jar, "--config", config, "--port", port,
    "--api-port", port + 1]);
  const health = async () => (await (await fetch(`http://127.0.0.1:${port + 1}/health`)).text()).includes('"running":1');
  try {
    await waitUntil(child, health);
    await sleep(1000);
    const samples = [{ at: Date.now(), cpu: cpuMs(child.pid), rss: rssMb(child.pid) }];
    const sampler = setInterval(() => samples.push({ at: Date.now(), cpu: cpuMs(child.pid), rss: rssMb(child.pid) }),
      SAMPLE_S * 1000);
    const counted = await runLoadClient(["--http", `http://127.0.0.1:${port}/mcp`, "--c", C, "--warmup", 0,
      "--for-ms", DURATION_S * 1000, "--bucket-ms", SAMPLE_S * 1000]);
    clearInterval(sampler);
    await sleep(IDLE_AFTER_S * 1000);
    return { variant, flags: flagsOf(variant), samples, counted, rssIdleAfter: rssMb(child.pid) };
  } finally {
    await stop(child);
  }
}

console.error(`${VARIANTS.length} variants side by side for ${DURATION_S} s each, ${C} clients`);
const loadBefore = os.loadavg();
const results = await Promise.all(VARIANTS.map(soak));

const fmt = (x, digits = 0) => (x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits));
/** Calls, CPU ms and last RSS of each minute, from the load client's buckets and the samples taken meanwhile. */
function minutes({ samples, counted }) {
  const perMinute = Math.round(60 / SAMPLE_S), rows = [];
  for (let m = 0; m * perMinute < counted.buckets.length; m++) {
    const calls = counted.buckets.slice(m * perMinute, (m + 1) * perMinute).reduce((a, b) => a + b, 0);
    const from = samples.findLast((s) => s.at <= counted.started_at + m * 60000) ?? samples[0];
    const to = samples.findLast((s) => s.at <= counted.started_at + (m + 1) * 60000) ?? samples.at(-1);
    rows.push({ calls, seconds: Math.min(60, (counted.buckets.length - m * perMinute) * SAMPLE_S),
      cpu: to.cpu - from.cpu, rss: to.rss });
  }
  return rows;
}

const lines = [`${new Date().toISOString()}: ${os.cpus().length} cores, load average before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, ` +
  `node ${process.version}; ${C} clients for ${DURATION_S} s, variants side by side`, ""];
for (const result of results) {
  lines.push(`${result.variant}: \`${result.flags.join(" ")}\``);
}
lines.push("", `| minute | ${results.map((r) => `${r.variant}: calls/s | CPU µs/call | RSS MB`).join(" | ")} |`,
  `| --- | ${results.map(() => "--- | --- | ---").join(" | ")} |`);
const byVariant = results.map(minutes);
for (let m = 0; m < Math.max(...byVariant.map((rows) => rows.length)); m++) {
  lines.push(`| ${m + 1} | ${byVariant.map((rows) => rows[m] ? `${fmt(rows[m].calls / rows[m].seconds)} | ` +
    `${fmt((rows[m].cpu * 1000) / rows[m].calls)} | ${fmt(rows[m].rss)}` : "– | – | –").join(" | ")} |`);
}
lines.push("", `After the first ${WARMUP_S} s:`, "",
  `| variant | calls/s | proxy CPU µs/call | RSS MB min / max / last | RSS MB ${IDLE_AFTER_S} s after the load |`,
  "| --- | --- | --- | --- | --- |");
for (const result of results) {
  const { samples, counted } = result;
  const skip = Math.round(WARMUP_S / SAMPLE_S);
  const calls = counted.buckets.slice(skip).reduce((a, b) => a + b, 0);
  const from = samples.findLast((s) => s.at <= counted.started_at + WARMUP_S * 1000) ?? samples[0];
  const last = samples.at(-1), rss = samples.map((s) => s.rss);
  lines.push(`| ${result.variant} | ${fmt(calls / (DURATION_S - WARMUP_S))} | ${fmt(((last.cpu - from.cpu) * 1000) / calls)} | ` +
    `${fmt(Math.min(...rss))} / ${fmt(Math.max(...rss))} / ${fmt(last.rss)} | ${fmt(result.rssIdleAfter)} |`);
}
console.log(lines.join("\n"));
process.exit(0);
