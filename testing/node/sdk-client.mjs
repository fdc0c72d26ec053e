// A client on the official TypeScript SDK, for the Java tests: connects to a proxy endpoint, lists its tools,
// calls the tools named on the command line, and prints one JSON object with what it saw.
//   node sdk-client.mjs --http URL|--sse URL --call 'name={"arg":1}' [--call ...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";

const args = process.argv.slice(2);
let transport;
const calls = [];
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (flag === "--http") transport = new StreamableHTTPClientTransport(new URL(value));
  else if (flag === "--sse") transport = new SSEClientTransport(new URL(value));
  else if (flag === "--call") {
    const at = value.indexOf("=");
    calls.push({ name: value.slice(0, at), arguments: JSON.parse(value.slice(at + 1)) });
  } else {
    console.error(`unknown argument ${flag}`);
    process.exit(2);
  }
}

const client = new Client({ name: "mcp-proxy-ts-sdk-test", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
const results = [];
for (const call of calls) {
  results.push(await client.callTool(call));
}
console.log(JSON.stringify({
  server: client.getServerVersion(),
  protocolVersion: transport.protocolVersion ?? null,
  tools: tools.map((t) => t.name),
  results,
}));
await client.close();
