// The native load client of bench/bench.mjs: wrk (Debian's package) with bench/wrk/mcp-call.lua, on one MCP session
// over streamable HTTP that this module opens with fetch. wrk costs a few µs of CPU per call where the Node client
// costs about 200, so the proxy's own cost, not the client's, is what the figures show.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PROTOCOL } from "./mcp-client.mjs";

const SCRIPT = fileURLToPath(new URL("wrk/mcp-call.lua", import.meta.url));

/** The JSON-RPC answer with this id in a JSON body or in the data lines of an event stream. */
function answerIn(text, contentType, id) {
  const messages = (contentType ?? "").startsWith("text/event-stream")
    ? text.split("\n").filter((line) => line.startsWith("data:")).map((line) => JSON.parse(line.slice(5)))
    : [JSON.parse(text)];
  const answer = messages.find((message) => message.id === id);
  if (!answer) throw new Error(`no answer to request ${id} in: ${text.slice(0, 200)}`);
  if (answer.error) throw new Error(`request ${id}: ${answer.error.code} ${answer.error.message}`);
  return answer.result;
}

async function post(url, headers, message) {
  const response = await fetch(url, { method: "POST", body: JSON.stringify(message), signal: AbortSignal.timeout(10000),
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${message.method}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return { response, result: message.id == null ? null : answerIn(text, response.headers.get("content-type"), message.id) };
}

/**
 * Initializes a session at url (initialize, then notifications/initialized with its Mcp-Session-Id, if the server
 * gave one) and lists its tools; what wrk needs to call on it: {url, session, protocol, tool}, the tool being the
 * first whose name ends in "echo".
 */
export async function openSession(url) {
  const init = await post(url, {}, { jsonrpc: "2.0", id: 1, method: "initialize",
    params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: "mcp-proxy-bench-wrk", version: "1.0.0" } } });
  const session = init.response.headers.get("mcp-session-id") ?? "";
  const protocol = init.result.protocolVersion;
  const headers = { "mcp-protocol-version": protocol, ...(session ? { "mcp-session-id": session } : {}) };
  await post(url, headers, { jsonrpc: "2.0", method: "notifications/initialized" });
  const { result } = await post(url, headers, { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} });
  const tool = result.tools.map((t) => t.name).find((name) => name.endsWith("echo"));
  if (!tool) throw new Error(`no echo tool at ${url}`);
  return { url, session, protocol, tool };
}

/**
 * wrk -t threads -c connections for secs seconds on the session; the line its script prints: {seconds, requests,
 * calls (answers that were results), errors (any other answer), socket_errors (a call unanswered for 2 s is one),
 * calls_per_s, p50_ms, p99_ms}, and no_answer: true when nothing answered at all (a server that hangs from the start
 * shows no other error in a run shorter than wrk's timeout).
 */
export function runWrk({ url, session, protocol, tool }, threads, connections, secs) {
  return new Promise((resolve, reject) => {
    const wrk = spawn("wrk", [`-t${threads}`, `-c${connections}`, `-d${secs}s`, "--timeout", "2s", "-s", SCRIPT, url],
      { stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, MCP_SESSION: session, MCP_PROTOCOL: protocol, MCP_TOOL: tool } });
    let out = "", err = "";
    wrk.stdout.on("data", (chunk) => { out += chunk; });
    wrk.stderr.on("data", (chunk) => { err += chunk; });
    wrk.on("error", (e) => reject(new Error(`wrk did not start (${e.message}): install Debian's package wrk`)));
    wrk.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("mcp-calls "));
      if (code === 0 && line) {
        const result = JSON.parse(line.slice("mcp-calls ".length));
        resolve({ ...result, no_answer: result.requests === 0 });
      }
      else reject(new Error(`wrk exited with ${code} and no result line: ${(err || out).trim().slice(-500)}`));
    });
  });
}
