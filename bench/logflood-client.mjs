// The log flood's subscriber, beside the load client: follows one server's log lines on /api/events over SSE, and
// switches that server's flood (the demo server's log_flood tool, which then writes RATE lines a second to its stderr
// on its own) on and off as told: a line "on" or "off" on stdin, answered by a JSON line on stdout once done, with
// the time (epoch ms) and, for "off", the lines that flood wrote. When stdin closes it stops the flood, waits for the
// last lines to arrive and prints one JSON line: lines written, received, lost (gaps in the per-server sequence
// numbers), "missed" events, the rate reached, delivery lag.
//   MCP_PROXY_TOKEN=... node bench/logflood-client.mjs --api URL --mcp URL --tool NAME --server NAME [--rate 10000]
import http from "node:http";
import { createInterface } from "node:readline";
import { connect, readEvents } from "./mcp-client.mjs";

const opts = { rate: 10000 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  opts[key] = key === "rate" ? Number(argv[i + 1]) : argv[i + 1];
}

const LAG_SAMPLE = 50;
const received = { lines: 0, lost: 0, missedEvents: 0, lastSeq: null, lagsMs: [] };
const subscribed = new Promise((resolve, reject) => {
  const request = http.get(`${opts.api}/api/events?types=log&logs=${encodeURIComponent(opts.server)}`, {
    headers: { accept: "text/event-stream", authorization: `Bearer ${process.env.MCP_PROXY_TOKEN}` },
  }, (response) => {
    if (response.statusCode !== 200) reject(new Error(`/api/events: HTTP ${response.statusCode}`));
    response.on("end", () => { received.endedEarly = true; });
    // Every line is checked (its sequence number, that it is one of the flood's lines) by looking into the event's
    // text, and one line in LAG_SAMPLE is parsed whole to time its delivery: this process shares the 2 cores with
    // the proxy it measures, and a JSON.parse and a Date.parse per line doubled its CPU (a UI's rendering is not the
    // proxy's cost either).
    const serverField = `"data":{"server":${JSON.stringify(opts.server)},"seq":`;
    readEvents(response, (type, data) => {
      if (type === "missed") received.missedEvents++;
      if (type !== "log") return;
      const at = data.indexOf(serverField);
      if (at < 0) return;
      const seq = Number.parseInt(data.slice(at + serverField.length, data.indexOf(",", at + serverField.length)), 10);
      if (received.lastSeq !== null && seq !== received.lastSeq + 1) received.lost += seq - received.lastSeq - 1;
      received.lastSeq = seq;
      if (data.includes('"text":"log line ')) {
        received.lines++;
        if (received.lines % LAG_SAMPLE === 0) {
          const event = JSON.parse(data);
          if (event.data.seq !== seq) throw new Error(`sequence number misread: ${seq} in ${data}`);
          received.lagsMs.push(Date.now() - Date.parse(event.time));
        }
      }
    });
    resolve();
  });
  request.on("error", reject);
});
await subscribed;

const client = await connect({ http: opts.mcp });
const flood = (linesPerSecond) => client.request("tools/call", { name: opts.tool, arguments: { lines_per_second: linesPerSecond } })
  .then((result) => {
    if (result.isError) throw new Error(`${opts.tool}: ${result.content?.[0]?.text}`);
    return result.content[0].text;
  });
let written = 0, writingMs = 0, flooding = false;
async function stopFlood() {
  // The demo server counts the lines and the time from the flood's start to its last write.
  const [, lines, ms] = (await flood(0)).match(/stopped after (\d+) lines in (\d+) ms/).map(Number);
  written += lines;
  writingMs += ms;
  flooding = false;
  return lines;
}
console.error(`following ${opts.server}'s log lines`);
for await (const command of createInterface({ input: process.stdin })) {
  if (command === "on") {
    await flood(opts.rate);
    flooding = true;
    console.log(JSON.stringify({ on: Date.now() }));
  } else if (command === "off") {
    const lines = await stopFlood();
    console.log(JSON.stringify({ off: Date.now(), written: lines }));
  }
}
if (flooding) await stopFlood();
for (let waited = 0; received.lines < written && waited < 5000 && !received.endedEarly; waited += 20) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const lags = received.lagsMs.sort((a, b) => a - b);
const at = (p) => (lags.length ? lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] : null);
console.log(JSON.stringify({ written, received: received.lines, lost: received.lost, missed_events: received.missedEvents,
  stream_ended: Boolean(received.endedEarly), seconds: +(writingMs / 1000).toFixed(2),
  lines_per_s: Math.round((written * 1000) / writingMs), lag_p50_ms: at(0.5), lag_p99_ms: at(0.99), lag_max_ms: lags.at(-1) ?? null }));
client.close();
process.exit(0);
