// Spawn → every server's tools usable, for bench/bench.mjs: the same two upstreams (server-everything over stdio and
// server-memory) behind MCP Proxy, behind mcp-hub, and alone (the floor: no proxy, the bench their only client).
import { performance } from "node:perf_hooks";
import { initialize, Stdio, StreamableHttp } from "./mcp-client.mjs";
import { sleep, waitUntil } from "./processes.mjs";

const LIMIT_MS = 60000;

function withinLimit(promise, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within 60 s`)), LIMIT_MS); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The floor: both upstreams spawned at once by the bench itself; ms from the spawn until the later of the two has
 * answered initialize and a tools/list that lists tools. upstreams: [{name, command: "CMD ARGS", env}].
 */
export async function upstreamsAlone(upstreams) {
  const startedAt = performance.now();
  const clients = upstreams.map((u) => new Stdio(u.command, u.env));
  try {
    const usable = clients.map(async (client, i) => {
      await initialize(client);
      const { tools } = await client.request("tools/list", {});
      if (!tools?.length) throw new Error(`${upstreams[i].name} listed no tools`);
      return performance.now() - startedAt;
    });
    return Math.max(...await withinLimit(Promise.all(usable), "the upstreams alone"));
  } finally {
    for (const client of clients) client.close();
  }
}

/** Whether MCP Proxy's /health body says every server is usable: its "ready" when it has one, else running = total. */
const healthSaysReady = (expected) => (body) => {
  const health = JSON.parse(body);
  return health.ready ?? (health.servers.total === expected && health.servers.running === health.servers.total);
};

/**
 * MCP Proxy, just started as child on port (api port + 1) with a configuration of the upstreams: /health polled every 5 ms
 * until it says ready, then initialize and tools/list on /mcp until the list holds tools of every upstream (its
 * tools are named server__tool). {health_ms, tools_ms}: from the spawn to each.
 */
export async function mcpProxyUsable(child, port, upstreams) {
  const healthMs = await waitUntil(child, async () => {
    const response = await fetch(`http://127.0.0.1:${port + 1}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok && healthSaysReady(upstreams.length)(await response.text());
  });
  const client = new StreamableHttp(`http://127.0.0.1:${port}/mcp`);
  try {
    await withinLimit(initialize(client), "MCP Proxy initialize");
    for (;;) {
      const { tools } = await withinLimit(client.request("tools/list", {}), "MCP Proxy tools/list");
      if (upstreams.every((u) => tools.some((t) => t.name.startsWith(`${u.name}__`)))) break;
      if (performance.now() - child.spawnedAt > LIMIT_MS) throw new Error("MCP Proxy's tools/list lacks a server after 60 s");
      await sleep(5);
    }
    return { health_ms: healthMs, tools_ms: performance.now() - child.spawnedAt };
  } finally {
    client.close();
  }
}
