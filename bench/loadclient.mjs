// MCP Proxy's load client: plain JSON-RPC over streamable HTTP, legacy HTTP+SSE or stdio, with no SDK in between,
// so that the client's own cost (the TypeScript SDK spends about 1 ms of CPU per call over HTTP) does not drown the
// proxy's. Connects, initializes, lists tools, makes W warm-up calls, N sequential calls of an echo tool, then C
// clients at once make P calls each. Prints one JSON line.
//   node bench/loadclient.mjs (--http URL | --sse URL | --stdio "CMD ARGS") [--tool NAME] [--n 2000] [--c 8]
//        [--per 500] [--warmup 50]
import { performance } from "node:perf_hooks";
import { connect as connectTo } from "./mcp-client.mjs";

const opts = { n: 2000, c: 8, per: 500, warmup: 50, tool: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  opts[key] = ["n", "c", "per", "warmup"].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
}

const connect = () => connectTo(opts);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function summary(latencies, wallMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { calls: latencies.length, calls_per_s: Math.round((latencies.length * 1000) / wallMs),
    p50_ms: +percentile(sorted, 50).toFixed(3), p99_ms: +percentile(sorted, 99).toFixed(3) };
}

async function calls(client, tool, count, into) {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const result = await client.request("tools/call", { name: tool, arguments: { message: `call ${i}` } });
    if (result.isError || !result.content) throw new Error(`${tool} failed: ${JSON.stringify(result)}`);
    into?.push(performance.now() - start);
  }
}

const first = await connect();
const { tools } = await first.request("tools/list", {});
const tool = opts.tool ?? tools.map((t) => t.name).find((name) => name.endsWith("echo"));
// The client's own CPU per call (this process only; a stdio server is a child and not counted): on the critical
// path of every sequential call, whatever the proxy does.
const cpuBefore = process.cpuUsage();
await calls(first, tool, opts.warmup);

const sequential = [];
let start = performance.now();
await calls(first, tool, opts.n, sequential);
const seq = summary(sequential, performance.now() - start);

const clients = await Promise.all(Array.from({ length: opts.c }, connect));
const concurrent = [];
start = performance.now();
await Promise.all(clients.map((client) => calls(client, tool, opts.per, concurrent)));
const conc = summary(concurrent, performance.now() - start);

const cpu = process.cpuUsage(cpuBefore);
const total = opts.warmup + opts.n + opts.c * opts.per;
for (const client of [first, ...clients]) client.close();
console.log(JSON.stringify({ tool, seq, conc, total_calls: total,
  client_cpu_us_per_call: Math.round((cpu.user + cpu.system) / total) }));
process.exit(0);
