// MCP Proxy's load client, on the official TypeScript SDK: connect, list tools, W warm-up calls, N sequential
// calls of an echo tool, then C clients at once making P calls each. Prints one JSON line.
//   node bench/loadclient.mjs (--http URL | --sse URL | --stdio "CMD ARGS") [--tool NAME] [--n 2000] [--c 8]
//        [--per 500] [--warmup 50]
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = path.dirname(fileURLToPath(import.meta.url));
const sdk = createRequire(path.join(here, "../testing/node/package.json"));
const { Client } = await import(sdk.resolve("@modelcontextprotocol/sdk/client/index.js"));
const { StreamableHTTPClientTransport } = await import(sdk.resolve("@modelcontextprotocol/sdk/client/streamableHttp.js"));
const { SSEClientTransport } = await import(sdk.resolve("@modelcontextprotocol/sdk/client/sse.js"));
const { StdioClientTransport } = await import(sdk.resolve("@modelcontextprotocol/sdk/client/stdio.js"));

const opts = { n: 2000, c: 8, per: 500, warmup: 50, tool: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  opts[key] = ["n", "c", "per", "warmup"].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
}

function transport() {
  if (opts.http) return new StreamableHTTPClientTransport(new URL(opts.http));
  if (opts.sse) return new SSEClientTransport(new URL(opts.sse));
  const [command, ...args] = opts.stdio.split(" ");
  return new StdioClientTransport({ command, args, stderr: "ignore" });
}

async function connect() {
  const client = new Client({ name: "mcp-proxy-bench", version: "1.0.0" });
  await client.connect(transport());
  return client;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function summary(latencies, wallMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    calls: latencies.length,
    calls_per_s: Math.round((latencies.length * 1000) / wallMs),
    p50_ms: +percentile(sorted, 50).toFixed(3),
    p99_ms: +percentile(sorted, 99).toFixed(3),
  };
}

async function calls(client, tool, count, into) {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const result = await client.callTool({ name: tool, arguments: { message: `call ${i}` } });
    if (result.isError) throw new Error(`${tool} answered with an error: ${JSON.stringify(result.content)}`);
    into?.push(performance.now() - start);
  }
}

const first = await connect();
const { tools } = await first.listTools();
const tool = opts.tool ?? tools.map((t) => t.name).find((name) => name.endsWith("echo"));
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

await Promise.all([first, ...clients].map((client) => client.close()));
console.log(JSON.stringify({ tool, seq, conc, total_calls: opts.warmup + opts.n + opts.c * opts.per }));
