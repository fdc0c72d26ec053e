// A real sidecar for the browser tests: the jar the build made, with the launcher's JVM flags, on free loopback
// ports, running the demo server and npm's server-everything; stopped by its PID.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const java = process.env["MCP_PROXY_JAVA"] ?? join(process.env["JAVA_HOME"] ?? "/usr/lib/jvm/temurin-25-jdk-amd64", "bin", "java");
const jar = join(root, "mcp-proxy-server/target/mcp-proxy-server.jar");
const demoJar = join(root, "mcp-proxy-demo/target/mcp-proxy-demo.jar");
const nodeModules = process.env["MCP_PROXY_NODE_MODULES"] ?? join(root, "testing/node/node_modules");

export const TOKEN = "e2e-" + Math.random().toString(36).slice(2) + Date.now().toString(36);

/** testing/node, where the npm packages and the scripts of the tests are. */
export const testingNode = resolve(nodeModules, "..");

export function demoAndEverythingYaml(): string {
  return `servers:
  - name: demo
    command: "${java}"
    args: ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", "${demoJar}"]
  - name: everything
    command: node
    args: ["${join(nodeModules, "@modelcontextprotocol/server-everything/dist/index.js")}", "stdio"]
`;
}

/** Two consecutive free ports (MCP, api), as the sidecar's defaults pair them. */
export async function freePorts(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((done, fail) => {
      const server = createServer();
      server.once("error", fail);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => done(typeof address === "object" && address ? address.port : 0));
      });
    });
    const next = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once("error", () => done(false));
      server.listen(port + 1, "127.0.0.1", () => server.close(() => done(true)));
    });
    if (next && port < 65000) return port;
  }
}

export class Sidecar {
  readonly process: ChildProcess;
  readonly port: number;
  readonly configPath: string;
  readonly output: string[] = [];

  private constructor(process: ChildProcess, port: number, configPath: string) {
    this.process = process;
    this.port = port;
    this.configPath = configPath;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port + 1}`;
  }

  get mcpUrl(): string {
    return `http://127.0.0.1:${this.port}/mcp`;
  }

  /** The address the sidecar prints for the UI. */
  get entryUrl(): string {
    return `${this.apiUrl}/?token=${encodeURIComponent(TOKEN)}`;
  }

  /** With {@code listening}, answers once the ports listen, not waiting for every server to be usable. */
  static async start(options: { yaml?: string; configPath?: string; port?: number; env?: Record<string, string>; listening?: boolean } = {}): Promise<Sidecar> {
    const port = options.port ?? (await freePorts());
    const configPath = options.configPath ?? join(mkdtempSync(join(tmpdir(), "mcp-proxy-e2e-")), "config.yaml");
    if (options.yaml !== undefined) writeFileSync(configPath, options.yaml);
    const flags = readFileSync(join(root, "mcp-proxy-server/jvm.options"), "utf8").split("\n").map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const child = spawn(java, [...flags, "-jar", jar, "--config", configPath, "--port", String(port), "--api-port", String(port + 1)], {
      // Secrets and sign-in tokens go to a state folder of the test's own, never to the user's or a keyring.
      env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "mcp-proxy-e2e-state-")), DBUS_SESSION_BUS_ADDRESS: "",
        ...options.env, MCP_PROXY_TOKEN: TOKEN, PATH: `${resolve(java, "..")}:${process.env["PATH"] ?? ""}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const sidecar = new Sidecar(child, port, configPath);
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (text: string) => sidecar.output.push(...text.split("\n").filter(Boolean)));
    }
    await sidecar.waitUntilReady(60_000, options.listening ?? false);
    return sidecar;
  }

  async api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(this.apiUrl + path, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  /** Until /health says every server meant to run is usable (or, with {@code listening}, answers at all). */
  async waitUntilReady(timeoutMs = 60_000, listening = false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`The sidecar exited (${this.process.exitCode}):\n${this.output.join("\n")}`);
      try {
        const health = (await (await fetch(this.apiUrl + "/health")).json()) as { ready?: boolean };
        if (health.ready || listening) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`The sidecar was not ready in ${timeoutMs} ms:\n${this.output.join("\n")}`);
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((r) => this.process.once("exit", r));
    this.process.kill(signal);
    const timer = setTimeout(() => this.process.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
