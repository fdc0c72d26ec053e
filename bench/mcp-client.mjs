// Plain JSON-RPC MCP clients for the benchmarks: streamable HTTP, legacy HTTP+SSE and stdio, with no SDK in between,
// so that the client's own cost (the TypeScript SDK spends about 1 ms of CPU per call over HTTP) does not drown the
// proxy's.
import http from "node:http";
import { spawn } from "node:child_process";
import readline from "node:readline";

export const PROTOCOL = "2025-06-18";

/** Reads an event stream: calls onEvent(event, data) for each event. */
export function readEvents(response, onEvent) {
  let partial = "";
  let event = "message";
  let data = [];
  response.setEncoding("utf8");
  response.on("data", (chunk) => {
    // One split per chunk: a log flood brings hundreds of events per chunk.
    const lines = (partial + chunk).split("\n");
    partial = lines.pop();
    for (let line of lines) {
      if (line.endsWith("\r")) line = line.slice(0, -1);
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

/** Requests and notifications over whatever the subclass's post(message) sends them with. */
class JsonRpcClient {
  pending = new Pending();
  async request(method, params) {
    const id = this.pending.next++;
    const answer = this.pending.track(id);
    await this.post({ jsonrpc: "2.0", id, method, params });
    return answer;
  }
  notify(method) { return this.post({ jsonrpc: "2.0", method }); }
}

export class StreamableHttp extends JsonRpcClient {
  constructor(url) {
    super();
    this.url = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
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
  close() { this.agent.destroy(); }
}

export class LegacySse extends JsonRpcClient {
  constructor(url) {
    super();
    this.url = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }
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
  close() { this.stream.destroy(); this.agent.destroy(); }
}

export class Stdio extends JsonRpcClient {
  /** Spawns the server at once: commandLine split at spaces, env added to this process's environment. */
  constructor(commandLine, env = {}) {
    super();
    const [command, ...args] = commandLine.split(" ");
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, ...env } });
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (line.startsWith("{")) this.pending.settle(JSON.parse(line));
    });
  }
  post(message) { this.child.stdin.write(JSON.stringify(message) + "\n"); }
  close() { this.child.kill(); }
}

/** The MCP handshake: initialize, then notifications/initialized; the initialize result. */
export async function initialize(client) {
  const result = await client.request("initialize", { protocolVersion: PROTOCOL, capabilities: {},
    clientInfo: { name: "mcp-proxy-bench", version: "1.0.0" } });
  await client.notify("notifications/initialized");
  return result;
}

/** Connects and initializes: {http: URL} | {sse: URL} | {stdio: "CMD ARGS", env}. */
export async function connect(target) {
  const client = target.http ? new StreamableHttp(target.http) : target.sse ? new LegacySse(target.sse)
    : new Stdio(target.stdio, target.env);
  await client.open?.();
  await initialize(client);
  return client;
}
