// The markdown report of bench/bench.mjs: the tables of figures per round and the targets, as ratios of medians over
// the rounds. MCP Proxy's streamable HTTP /mcp is measured against the best peer (any setup that is neither MCP
// Proxy, nor direct stdio, nor a yardstick).
import { median } from "./processes.mjs";

export const OURS = "MCP Proxy, streamable HTTP /mcp";
const DIRECT = "direct stdio, no proxy";

/** a ÷ b, or null when either is missing. */
const ratio = (a, b) => (a == null || b == null ? null : a / b);
const fmt = (x, digits = 0) => (x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits));
/** One figure per round, "r1 / r2 / ...", from the measurements of a row (null or {kind} where one failed). */
const each = (values, pick, digits = 0) => values.map((v) => fmt(v?.seq ? pick(v) : null, digits)).join(" / ");
const med = (rows, name, pick) => median((rows.get(name) ?? []).filter((v) => v?.seq).map(pick));

/** A row of a targets table; spoiled: MCP Proxy's own runs had errors, so the target is not met whatever the ratio. */
function target(what, value, goal, detail, spoiled = false) {
  const known = value != null && Number.isFinite(value);
  const met = !known ? "–" : spoiled ? "**no** (wrk errors)"
    : (goal.startsWith("≥") ? value >= Number(goal.slice(1)) : value <= Number(goal.slice(1))) ? "yes" : "**no**";
  return `| ${what} | ${fmt(known ? value : null, 2)} | ${goal} | ${met} | ${detail} |`;
}
const TARGETS_HEAD = ["| target | ratio | goal | met | figures |", "| --- | --- | --- | --- | --- |"];

/** The peer with the best median of pick (better(a, b): a is better than b); {name, value} or null. */
function best(rows, yardsticks, pick, better) {
  return [...rows.keys()].filter((name) => !name.startsWith("MCP Proxy") && name !== DIRECT && !yardsticks.includes(name))
    .map((name) => ({ name, value: med(rows, name, pick) })).filter((p) => p.value != null)
    .reduce((a, b) => (a == null || better(b.value, a.value) ? b : a), null);
}
const higher = (a, b) => a > b, lower = (a, b) => a < b;

/** A markdown table, a row per setup (name → its measurements per round), a column per [heading, cell of values]. */
const table = (rows, columns) => [
  `| setup | ${columns.map(([heading]) => heading).join(" | ")} |`,
  `| --- |${" --- |".repeat(columns.length)}`,
  ...[...rows].map(([name, values]) => `| ${name} | ${columns.map(([, cell]) => cell(values)).join(" | ")} |`),
];
/** A column's cells: the figure pick(measurement) of each round. */
const figure = (pick, digits = 0) => (values) => each(values, pick, digits);
const versus = (ours, peer, unit = "") => `${fmt(ours)}${unit} vs ${fmt(peer?.value)}${unit} (${peer?.name})`;

/** The Node client's table: rows of {seq, conc, cpu_us_per_call, rss_idle_mb, rss_after_mb, second}. */
export function nodeSection({ rows, yardsticks, ready, hubRow, C, secondPass }) {
  const spawnToReady = (values) => ready[values.find((v) => v?.kind)?.kind]?.map((x) => fmt(x)).join(" / ") ?? "–";
  const lines = [
    `Node load client (bench/loadclient.mjs), every setup; figures per round (r1 / r2 ...):`, "",
    ...table(rows, [
      ["seq p50 ms", figure((v) => v.seq.p50_ms, 2)], ["seq calls/s", figure((v) => v.seq.calls_per_s)],
      [`${C} clients calls/s`, figure((v) => v.conc.calls_per_s)], ["idle RSS MB", figure((v) => v.rss_idle_mb)],
      ["RSS after MB", figure((v) => v.rss_after_mb)], ["proxy CPU µs/call", figure((v) => v.cpu_us_per_call)],
      ["load client CPU µs/call", figure((v) => v.client_cpu_us_per_call)], ["spawn → ready ms", spawnToReady],
      ["second pass: seq calls/s", figure((v) => v.second?.seq.calls_per_s)],
      [`${C} clients calls/s`, figure((v) => v.second?.conc.calls_per_s)],
      ["proxy CPU µs/call", figure((v) => v.second?.cpu_us_per_call)],
    ]),
  ];
  const passTargets = (pick) => {
    const of = (f) => (v) => pick(v) && f(pick(v));
    const seq = med(rows, OURS, of((p) => p.seq.calls_per_s)), conc = med(rows, OURS, of((p) => p.conc.calls_per_s));
    const cpu = med(rows, OURS, of((p) => p.cpu_us_per_call));
    const bestSeq = best(rows, yardsticks, of((p) => p.seq.calls_per_s), higher);
    const bestConc = best(rows, yardsticks, of((p) => p.conc.calls_per_s), higher);
    const bestCpu = best(rows, yardsticks, of((p) => p.cpu_us_per_call), lower);
    return { seq, conc, cpu, rows: [
      target("sequential calls/s ÷ best peer", ratio(seq, bestSeq?.value), "≥2", versus(seq, bestSeq)),
      target(`${C} clients calls/s ÷ best peer`, ratio(conc, bestConc?.value), "≥2", versus(conc, bestConc)),
      target("proxy CPU per call ÷ best peer", ratio(cpu, bestCpu?.value), "≤0.333", versus(cpu, bestCpu, " µs")),
    ] };
  };
  const first = passTargets((v) => v);
  const direct = med(rows, DIRECT, (v) => v.seq.calls_per_s);
  const rss = med(rows, OURS, (v) => v.rss_idle_mb), hubRss = med(rows, hubRow, (v) => v.rss_idle_mb);
  const ourReady = median(ready["MCP Proxy"]), hubReady = median(ready["mcp-hub"]);
  lines.push("", "Targets of the Node client (for comparison: the call targets are taken from wrk's figures):", "",
    ...TARGETS_HEAD, first.rows[0],
    target("sequential calls/s ÷ direct stdio", ratio(first.seq, direct), "≥0.5", `${fmt(first.seq)} vs ${fmt(direct)}`),
    first.rows[1], first.rows[2],
    target("idle RSS ÷ mcp-hub", ratio(rss, hubRss), "≤1", `${fmt(rss)} MB vs ${fmt(hubRss)} MB`),
    target("spawn → /health ÷ mcp-hub ready", ratio(ourReady, hubReady), "≤0.5", `${fmt(ourReady)} ms vs ${fmt(hubReady)} ms`));
  if (secondPass) {
    lines.push("", "The same load a second time on the same processes (warm; for information, the targets above are on the first pass):", "",
      ...TARGETS_HEAD, ...passTargets((v) => v.second).rows);
  }
  return lines;
}

const WRK_RUNS = [["warmup", "warm-up"], ["seq", "sequential"], ["conc", "8 connections"]];
const wrkErrors = (r) => (r ? r.errors + r.socket_errors + (r.no_answer ? 1 : 0) : 0);
const measurementErrors = (v) => WRK_RUNS.reduce((sum, [run]) => sum + wrkErrors(v[run]), 0);
const errorCell = (values) => values.map((v) => (!v?.seq ? "–"
  : WRK_RUNS.some(([run]) => v[run]?.no_answer) ? "no answer" : fmt(measurementErrors(v)))).join(" / ");
/** One line per measurement with errors, each run's. */
function errorLines(name, values) {
  const part = (r) => (r.no_answer ? `no answer at all in ${r.seconds} s`
    : `${r.errors} answers not a result and ${r.socket_errors} socket errors or timeouts in ${r.requests} requests`);
  return values.flatMap((v, round) => (!v?.seq || measurementErrors(v) === 0 ? [] : [
    `- **wrk errors** in ${name}, round ${round + 1}: ` + WRK_RUNS.filter(([run]) => wrkErrors(v[run]) > 0)
      .map(([run, title]) => `${title}: ${part(v[run])}`).join("; "),
  ]));
}

/**
 * wrk's table: rows of {warmup, seq, conc (each wrk's line plus cpu_us_per_call; warmup null when there was none),
 * cpu_us_per_call (over seq and conc), rss_idle_mb, rss_after_mb}. Errors in MCP Proxy's runs fail its targets.
 */
export function nativeSection({ rows, yardsticks, floor, secs }) {
  const lines = [
    `wrk (bench/wrk/mcp-call.lua), every setup with a streamable HTTP endpoint, one session each; ${secs} s sequential `
      + `(wrk -t1 -c1), then ${secs} s with 8 connections (wrk -t2 -c8); figures per round:`, "",
    ...table(rows, [
      ["seq p50 ms", figure((v) => v.seq.p50_ms, 2)], ["seq calls/s", figure((v) => v.seq.calls_per_s)],
      ["8 connections calls/s", figure((v) => v.conc.calls_per_s)],
      ["8 connections p99 ms", figure((v) => v.conc.p99_ms, 2)], ["idle RSS MB", figure((v) => v.rss_idle_mb)],
      ["RSS after MB", figure((v) => v.rss_after_mb)], ["proxy CPU µs/call seq", figure((v) => v.seq.cpu_us_per_call)],
      ["8 connections", figure((v) => v.conc.cpu_us_per_call)], ["both", figure((v) => v.cpu_us_per_call)],
      ["wrk errors", errorCell],
    ]),
  ];
  lines.push("", "SSE-only setups (mcp-hub, the /sse endpoints) and direct stdio have no streamable HTTP endpoint for wrk: Node client only.");
  const errors = [...rows].flatMap(([name, values]) => errorLines(name, values));
  if (errors.length) lines.push("", ...errors);
  const spoiled = (rows.get(OURS) ?? []).some((v) => v?.seq && measurementErrors(v) > 0);
  const seq = med(rows, OURS, (v) => v.seq.calls_per_s), conc = med(rows, OURS, (v) => v.conc.calls_per_s);
  const cpu = med(rows, OURS, (v) => v.cpu_us_per_call), floorCpu = med(rows, floor, (v) => v.cpu_us_per_call);
  const bestSeq = best(rows, yardsticks, (v) => v.seq.calls_per_s, higher);
  const bestConc = best(rows, yardsticks, (v) => v.conc.calls_per_s, higher);
  const bestCpu = best(rows, yardsticks, (v) => v.cpu_us_per_call, lower);
  const ours = (...args) => target(...args, spoiled);
  lines.push("", "Targets from wrk's figures (medians over rounds; proxy CPU per call over both runs):", "", ...TARGETS_HEAD,
    ours("wrk sequential calls/s ÷ best peer", ratio(seq, bestSeq?.value), "≥3", versus(seq, bestSeq)),
    ours("wrk 8 connections calls/s ÷ best peer", ratio(conc, bestConc?.value), "≥5", versus(conc, bestConc)),
    ours("wrk proxy CPU per call ÷ floor", ratio(cpu, floorCpu), "≤1.10", `${fmt(cpu)} µs vs ${fmt(floorCpu)} µs`),
    ours("wrk proxy CPU per call ÷ best peer", ratio(cpu, bestCpu?.value), "≤0.333", versus(cpu, bestCpu, " µs")));
  return lines;
}

/**
 * Spawn → every server's tools usable: per round the median of the trials, for each setup, with one upstream (the
 * targets) and with two (for information: on 2 cores two Node upstreams and the JVM's start share the CPU).
 */
export function startupSection({ usable, trials }) {
  const rounds = (xs) => (xs ?? []).map((x) => fmt(x)).join(" / ") || "–";
  const row = (setup, until, key) => `| ${setup} | ${until} | ${rounds(usable.one[key])} | ${rounds(usable.two[key])} |`;
  const lines = [
    `Spawn → every server's tools usable; ms, median of ${trials} per round, each setup given the same upstreams:`, "",
    "| setup | the clock stops when | server-everything alone | server-everything and server-memory |",
    "| --- | --- | --- | --- |",
    row("upstreams alone, no proxy", "every upstream has answered initialize and tools/list", "alone"),
    row("MCP Proxy", "/health says every server ready", "health"),
    row("MCP Proxy", "then tools/list on /mcp lists tools of every server", "ours"),
    row("mcp-hub", "/api/health ready with every server connected", "hub"),
  ];
  const targets = (set, prefix) => {
    const ours = median(usable[set].ours ?? []), alone = median(usable[set].alone ?? []), hub = median(usable[set].hub ?? []);
    return [target(`${prefix}tools usable ÷ upstreams alone`, ratio(ours, alone), "≤1.3", `${fmt(ours)} ms vs ${fmt(alone)} ms`),
      target(`${prefix}tools usable ÷ mcp-hub ready`, ratio(ours, hub), "≤0.6", `${fmt(ours)} ms vs ${fmt(hub)} ms`)];
  };
  lines.push("", "Targets (medians over rounds; server-everything alone):", "", ...TARGETS_HEAD, ...targets("one", ""),
    "", "The same with two upstreams (for information):", "", ...TARGETS_HEAD, ...targets("two", "two upstreams: "));
  return lines;
}
