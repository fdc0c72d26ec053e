// The log flood's two ends, in one process beside the load client: an SSE subscriber on /api/events for one
// server's log lines, and a driver that has that server (the demo server's write_log tool) write RATE lines a
// second in batches. Runs until its stdin closes, then waits for the last lines to arrive and prints one JSON line:
// lines written, lines received, lines lost (gaps in the per-server sequence numbers), "missed" events, delivery lag.
//   MCP_PROXY_TOKEN=... node bench/logflood-client.mjs --api URL --mcp URL --tool NAME --server NAME [--rate 10000]
//        [--batch 500]
import http from "node:http";
import { performance } from "node:perf_hooks";
import { connect, readEvents } from "./mcp-client.mjs";

const opts = { rate: 10000, batch: 500 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  opts[key] = ["rate", "batch"].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
}

const received = { lines: 0, lost: 0, missedEvents: 0, lastSeq: null, lagsMs: [] };
const subscribed = new Promise((resolve, reject) => {
  const request = http.get(`${opts.api}/api/events?types=log&logs=${encodeURIComponent(opts.server)}`, {
    headers: { accept: "text/event-stream", authorization: `Bearer ${process.env.MCP_PROXY_TOKEN}` },
  }, (response) => {
    if (response.statusCode !== 200) reject(new Error(`/api/events: HTTP ${response.statusCode}`));
    response.on("end", () => { received.endedEarly = true; });
    readEvents(response, (type, data) => {
      if (type === "missed") received.missedEvents++;
      if (type !== "log") return;
      const event = JSON.parse(data);
      const line = event.data;
      if (line.server !== opts.server) return;
      if (received.lastSeq !== null && line.seq !== received.lastSeq + 1) received.lost += line.seq - received.lastSeq - 1;
      received.lastSeq = line.seq;
      if (line.text.startsWith("log line ")) {
        received.lines++;
        received.lagsMs.push(Date.now() - Date.parse(event.time));
      }
    });
    resolve();
  });
  request.on("error", reject);
});
await subscribed;

const client = await connect({ http: opts.mcp });
const interval = (opts.batch * 1000) / opts.rate;
let written = 0, failures = 0, stopping = false;
const inFlight = new Set();
const began = performance.now();
let batches = 0;
process.stdin.on("end", () => { stopping = true; });
process.stdin.resume();
console.error(`flooding ${opts.server}: ${opts.batch} lines every ${interval} ms`);
while (!stopping) {
  if (inFlight.size >= 4) await Promise.race(inFlight);
  const call = client.request("tools/call", { name: opts.tool, arguments: { lines: opts.batch } })
    .then((result) => { if (result.isError) failures++; else written += opts.batch; })
    .catch(() => { failures++; })
    .finally(() => inFlight.delete(call));
  inFlight.add(call);
  batches++;
  const wait = began + batches * interval - performance.now();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
}
await Promise.all(inFlight);
const seconds = (performance.now() - began) / 1000;
for (let waited = 0; received.lines < written && waited < 5000 && !received.endedEarly; waited += 20) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const lags = received.lagsMs.sort((a, b) => a - b);
const at = (p) => (lags.length ? lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] : null);
console.log(JSON.stringify({ written, received: received.lines, lost: received.lost, missed_events: received.missedEvents,
  stream_ended: Boolean(received.endedEarly), failed_calls: failures, seconds: +seconds.toFixed(2),
  lines_per_s: Math.round(written / seconds), lag_p50_ms: at(0.5), lag_p99_ms: at(0.99), lag_max_ms: lags.at(-1) ?? null }));
client.close();
process.exit(0);
