// MCP Proxy's load client: plain JSON-RPC over streamable HTTP, legacy HTTP+SSE or stdio, with no SDK in between,
// so that the client's own cost (the TypeScript SDK spends about 1 ms of CPU per call over HTTP) does not drown the
// proxy's. Connects, initializes, lists tools, makes W warm-up calls, N sequential calls of an echo tool, then C
// clients at once make P calls each. Prints one JSON line.
// With --for-ms D instead, C clients (1 for sequential calls) each make W warm-up calls and then call for D ms, and
// the line counts the calls completed in each --bucket-ms of time from started_at (epoch ms): for measuring while
// something else is switched on and off (bench/logflood.mjs).
//   node bench/loadclient.mjs (--http URL | --sse URL | --stdio "CMD ARGS") [--tool NAME] [--n 2000] [--c 8]
//        [--per 500] [--warmup 50] [--for-ms D [--bucket-ms 100]]
import { performance } from "node:perf_hooks";
import { connect as connectTo } from "./mcp-client.mjs";

const opts = { n: 2000, c: 8, per: 500, warmup: 50, tool: null, "for-ms": 0, "bucket-ms": 100 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  opts[key] = ["n", "c", "per", "warmup", "for-ms", "bucket-ms"].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
}

const connect = () => connectTo(opts);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function summary(latencies, wallMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { calls: latencies.length, calls_per_s: Math.round((latencies.length * 1000) / wallMs),
    p50_ms: +percentile(sorted, 50).toFixed(3), p99_ms: +percentile(sorted, 99).toFixed(3) };
}

async function call(client, tool, i) {
  const result = await client.request("tools/call", { name: tool, arguments: { message: `call ${i}` } });
  if (result.isError || !result.content) throw new Error(`${tool} failed: ${JSON.stringify(result)}`);
}

async function calls(client, tool, count, into) {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call(client, tool, i);
    into?.push(performance.now() - start);
  }
}

/** C clients call until forMs have passed; the calls completed per bucket of bucketMs. */
async function callsPerBucket(clients, tool, forMs, bucketMs) {
  const buckets = new Array(Math.ceil(forMs / bucketMs)).fill(0);
  const startedAt = Date.now(), until = startedAt + forMs;
  await Promise.all(clients.map(async (client) => {
    for (let i = 0; Date.now() < until; i++) {
      await call(client, tool, i);
      const bucket = Math.floor((Date.now() - startedAt) / bucketMs);
      if (bucket < buckets.length) buckets[bucket]++;
    }
  }));
  return { started_at: startedAt, bucket_ms: bucketMs, buckets };
}

const first = await connect();
const { tools } = await first.request("tools/list", {});
const tool = opts.tool ?? tools.map((t) => t.name).find((name) => name.endsWith("echo"));
if (opts["for-ms"] > 0) {
  const clients = [first, ...await Promise.all(Array.from({ length: opts.c - 1 }, connect))];
  await Promise.all(clients.map((client) => calls(client, tool, opts.warmup)));
  const counted = await callsPerBucket(clients, tool, opts["for-ms"], opts["bucket-ms"]);
  for (const client of clients) client.close();
  console.log(JSON.stringify({ tool, clients: opts.c, ...counted }));
  process.exit(0);
}
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
