// A real OAuth 2.1 authorization server (oidc-provider) guarding a real MCP server (the TypeScript SDK's), for the
// Java tests of signing in to remote servers. Two loopback ports, as a real deployment has two origins:
//   node oauth-guarded-server.mjs AS_PORT MCP_PORT [ACCESS_TOKEN_SECONDS]
// The authorization server offers dynamic client registration, requires PKCE (S256) for public clients, issues
// refresh tokens and takes resource indicators; its development login and consent forms stand in for the browser.
// The MCP server at /mcp (and over the 2024-11-05 HTTP+SSE transport at /mcp/sse) answers 401 with the protected-resource metadata's address until a valid token comes.
// Three more resources have metadata a client must refuse: /other-origin/mcp names a resource of another origin,
// /other-issuer/mcp an authorization server whose metadata names another issuer, /no-pkce/mcp one that does not
// offer PKCE with S256. POST /revoke-grants ends every grant made so far, as a user who revokes the app at the provider does.
// Prints "ready" once both listen; every token grant is printed as "grant <type>", so a test can see refreshes, and
// every token issued as "issued <token>", so a test can look for it where no secret may appear.
import http from "node:http";
import Provider from "oidc-provider";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { z } from "zod";

const [asPort, mcpPort, accessTokenSeconds = "60"] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${asPort}`;
const resource = `http://127.0.0.1:${mcpPort}/mcp`;
const metadataPath = "/.well-known/oauth-protected-resource/mcp";

const provider = new Provider(issuer, {
  clients: [],
  features: {
    registration: { enabled: true },
    revocation: { enabled: true },
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, indicator) => {
        if (indicator !== resource) {
          throw new Error(`unknown resource ${indicator}`);
        }
        return { scope: "mcp", audience: resource, accessTokenTTL: Number(accessTokenSeconds), accessTokenFormat: "opaque" };
      },
    },
  },
  pkce: { required: () => true },
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed("refresh_token"),
  scopes: ["mcp"],
});
provider.on("grant.success", (ctx) => console.log(`grant ${ctx.oidc.params.grant_type}`));
provider.on("grant.error", (ctx, error) => console.log(`grant ${ctx.oidc.params?.grant_type} refused: ${error.message}`));
const grantIds = new Set();
provider.on("refresh_token.saved", (token) => grantIds.add(token.grantId));
// An opaque token's value is its jti.
provider.on("access_token.saved", (token) => console.log(`issued ${token.jti}`));
provider.on("refresh_token.saved", (token) => console.log(`issued ${token.jti}`));
provider.listen(Number(asPort), "127.0.0.1");

const mcpOrigin = `http://127.0.0.1:${mcpPort}`;
const sseSessions = new Map();
const refusedMetadata = {
  [`${metadataPath}/other-origin/mcp`]: { resource: `${issuer}/mcp`, authorization_servers: [issuer] },
  [`${metadataPath}/other-issuer/mcp`]: { resource: `${mcpOrigin}/other-issuer/mcp`, authorization_servers: [`${mcpOrigin}/other-issuer`] },
  "/.well-known/oauth-authorization-server/other-issuer": { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, code_challenge_methods_supported: ["S256"] },
  [`${metadataPath}/no-pkce/mcp`]: { resource: `${mcpOrigin}/no-pkce/mcp`, authorization_servers: [`${mcpOrigin}/no-pkce`] },
  "/.well-known/oauth-authorization-server/no-pkce": { issuer: `${mcpOrigin}/no-pkce`, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` },
};

function mcpServer() {
  const server = new McpServer({ name: "oauth-guarded", version: "1.0.0" });
  server.registerTool("whoami", { description: "Says who the token belongs to", inputSchema: { note: z.string().optional() } },
    async (_args, extra) => ({ content: [{ type: "text", text: `signed in as ${extra.authInfo?.clientId}` }] }));
  return server;
}

async function tokenOf(req) {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
  if (!match) return undefined;
  const token = await provider.AccessToken.find(match[1]);
  const audience = [token?.aud].flat();
  return token && audience.includes(resource) ? token : undefined;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined));
    req.on("error", reject);
  });
}

http.createServer(async (req, res) => {
  try {
    if (req.url === metadataPath) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ resource, authorization_servers: [issuer], scopes_supported: ["mcp"] }));
      return;
    }
    if (req.url === "/revoke-grants" && req.method === "POST") {
      for (const grantId of grantIds) {
        await provider.AccessToken.revokeByGrantId(grantId);
        await provider.RefreshToken.revokeByGrantId(grantId);
      }
      console.log(`revoked ${grantIds.size} grants`);
      res.writeHead(204).end();
      return;
    }
    const refused = refusedMetadata[req.url];
    if (refused) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(refused));
      return;
    }
    if (["/other-origin/mcp", "/other-issuer/mcp", "/no-pkce/mcp"].includes(req.url)) {
      res.writeHead(401, { "WWW-Authenticate": `Bearer resource_metadata="${mcpOrigin}${metadataPath}${req.url}"` });
      res.end();
      return;
    }
    if (!req.url.startsWith("/mcp")) {
      res.writeHead(404).end();
      return;
    }
    const token = await tokenOf(req);
    if (!token) {
      res.writeHead(401, {
        "WWW-Authenticate": `Bearer resource_metadata="http://127.0.0.1:${mcpPort}${metadataPath}", scope="mcp"`,
      });
      res.end();
      return;
    }
    req.auth = { token: token.jti, clientId: token.clientId, scopes: [token.scope ?? ""] };
    const body = req.method === "POST" ? await readBody(req) : undefined;
    if (req.method === "GET" && req.url === "/mcp/sse") {
      const stream = new SSEServerTransport("/mcp/messages", res);
      sseSessions.set(stream.sessionId, stream);
      res.on("close", () => sseSessions.delete(stream.sessionId));
      await mcpServer().connect(stream);
      return;
    }
    if (req.url.startsWith("/mcp/messages")) {
      const stream = sseSessions.get(new URL(req.url, mcpOrigin).searchParams.get("sessionId"));
      if (stream) await stream.handlePostMessage(req, res, body);
      else res.writeHead(404).end();
      return;
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = mcpServer();
    res.on("close", () => { transport.close(); server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  }
}).listen(Number(mcpPort), "127.0.0.1", () => console.log("ready"));
