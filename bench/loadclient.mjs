// MCP Proxy's load client: plain JSON-RPC over streamable HTTP, legacy HTTP+SSE or stdio, with no SDK in between,
// so that the client's own cost (the TypeScript SDK spends about 1 ms of CPU per call over HTTP) does not drown the
// proxy's. Connects, initializes, lists tools, makes W warm-up calls, N sequential calls of an echo tool, then C
// clients at once make P calls each. Prints one JSON line.
//   node bench/loadclient.mjs (--http URL | --sse URL | --stdio "CMD ARGS") [--tool NAME] [--n 2000] [--c 8]
//        [--per 500] [--warmup 50]
import http from "node:http";
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import readline from "node:readline";

const opts = { n: 2000, c: 8, per: 500, warmup: 50, tool: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  opts[key] = ["n", "c", "per", "warmup"].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
}
const PROTOCOL = "2025-06-18";

/** Reads an event stream: calls onEvent(event, data) for each event. */
function readEvents(response, onEvent) {
  let buffer = "";
  let event = "message";
  let data = [];
  response.setEncoding("utf8");
  response.on("data", (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
      if (line === "") {
        if (data.length) onEvent(event, data.join("\n"));
        event = "message";
        data = [];
      } else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      else if (line.startsWith("event:")) event = line.slice(6).trim();
    }
  });
}

/** Matches responses to requests by id, whatever carries them. */
class Pending {
  next = 1;
  waiting = new Map();
  track(id) { return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject })); }
  settle(message) {
    const entry = this.waiting.get(message.id);
    if (!entry) return;
    this.waiting.delete(message.id);
    if (message.error) entry.reject(new Error(`${message.error.code}: ${message.error.message}`));
    else entry.resolve(message.result);
  }
}

class StreamableHttp {
  constructor(url) {
    this.url = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    this.pending = new Pending();
  }
  post(message) {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify(message);
      const req = http.request(this.url, { method: "POST", agent: this.agent,
        headers: { ...this.headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        if (res.headers["mcp-session-id"]) {
          this.headers["mcp-session-id"] = res.headers["mcp-session-id"];
          this.headers["mcp-protocol-version"] = PROTOCOL;
        }
        if (res.statusCode >= 400) {
          res.resume();
          reject(new Error(`HTTP ${res.statusCode}`));
        } else if ((res.headers["content-type"] ?? "").startsWith("text/event-stream")) {
          readEvents(res, (_, data) => this.pending.settle(JSON.parse(data)));
          res.on("end", resolve);
        } else {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => { text += chunk; });
          res.on("end", () => { if (text) this.pending.settle(JSON.parse(text)); resolve(); });
        }
      });
      req.on("error", reject);
      req.end(body);
    });
  }
  async request(method, params) {
    const id = this.pending.next++;
    const answer = this.pending.track(id);
    await this.post({ jsonrpc: "2.0", id, method, params });
    return answer;
  }
  notify(method) { return this.post({ jsonrpc: "2.0", method }); }
  close() { this.agent.destroy(); }
}

class LegacySse {
  constructor(url) { this.url = new URL(url); this.pending = new Pending(); this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 }); }
  open() {
    return new Promise((resolve, reject) => {
      this.stream = http.get(this.url, { headers: { accept: "text/event-stream" } }, (res) => {
        readEvents(res, (event, data) => {
          if (event === "endpoint") { this.messages = new URL(data, this.url); resolve(); }
          else this.pending.settle(JSON.parse(data));
        });
      });
      this.stream.on("error", reject);
    });
  }
  post(message) {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify(message);
      const req = http.request(this.messages, { method: "POST", agent: this.agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode < 400 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  }
  async request(method, params) {
    const id = this.pending.next++;
    const answer = this.pending.track(id);
    await this.post({ jsonrpc: "2.0", id, method, params });
    return answer;
  }
  notify(method) { return this.post({ jsonrpc: "2.0", method }); }
  close() { this.stream.destroy(); this.agent.destroy(); }
}

class Stdio {
  constructor(commandLine) {
    const [command, ...args] = commandLine.split(" ");
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"] });
    this.pending = new Pending();
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (line.startsWith("{")) this.pending.settle(JSON.parse(line));
    });
  }
  request(method, params) {
    const id = this.pending.next++;
    const answer = this.pending.track(id);
    this.child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    return answer;
  }
  notify(method) { this.child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method }) + "\n"); }
  close() { this.child.kill(); }
}

async function connect() {
  const client = opts.http ? new StreamableHttp(opts.http) : opts.sse ? new LegacySse(opts.sse) : new Stdio(opts.stdio);
  await client.open?.();
  await client.request("initialize", { protocolVersion: PROTOCOL, capabilities: {},
    clientInfo: { name: "mcp-proxy-bench", version: "1.0.0" } });
  await client.notify("notifications/initialized");
  return client;
}

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

for (const client of [first, ...clients]) client.close();
console.log(JSON.stringify({ tool, seq, conc, total_calls: opts.warmup + opts.n + opts.c * opts.per }));
process.exit(0);
