// Signing in to a remote server from the UI, in Debian's Chromium: a real OAuth 2.1 authorization server (npm's
// oidc-provider, with dynamic registration and PKCE) guarding the TypeScript SDK's MCP server, both on loopback
// (testing/node/oauth-guarded-server.mjs). The sign-in page opens in a second tab of the same browser, as the system
// browser shows it to a user; its login and consent forms are oidc-provider's own.
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePorts, Sidecar, testingNode, TOKEN } from "./sidecar";

const screenshots = resolve(import.meta.dirname, "../target/screenshots");
mkdirSync(screenshots, { recursive: true });

let guarded: ChildProcess;
let sidecar: Sidecar;
let mcpPort: number;

/** The authorization server on one port and the MCP server on the next, once both print "ready". */
async function startGuardedServer(): Promise<ChildProcess> {
  const asPort = await freePorts();
  mcpPort = asPort + 1;
  const child = spawn(process.execPath, [join(testingNode, "oauth-guarded-server.mjs"), String(asPort), String(mcpPort)], {
    cwd: testingNode,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`the guarded server did not start:\n${output.join("")}`)), 30_000);
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (text: string) => {
        output.push(text);
        if (/^ready$/m.test(text)) {
          clearTimeout(timer);
          ready();
        }
      });
    }
    child.once("exit", (code) => failed(new Error(`the guarded server exited (${code}):\n${output.join("")}`)));
  });
  return child;
}

test.beforeAll(async () => {
  guarded = await startGuardedServer();
  sidecar = await Sidecar.start({
    yaml: `servers:\n  - name: remote\n    transport: streamable-http\n    url: http://127.0.0.1:${mcpPort}/mcp\n`,
    listening: true,
  });
});

test.afterAll(async () => {
  await sidecar?.stop();
  guarded?.kill("SIGTERM");
});

/** A JSON-RPC request through the proxy's /mcp, as any MCP client sends it. */
async function mcp(method: string, params: object, session?: string): Promise<{ session: string | null; body: string }> {
  const response = await fetch(sidecar.mcpUrl, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...(session ? { "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" } : {}),
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return { session: response.headers.get("mcp-session-id"), body: await response.text() };
}

test("a remote server that needs sign-in says so; Sign in opens its page in the browser, and once done it runs with its tools", async ({ page, context }) => {
  await page.goto(sidecar.entryUrl);
  const row = page.locator('tr[data-server="remote"]');
  await expect(row.locator(".badge")).toHaveText("Sign-in needed");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(screenshots, `sign-in-needed-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });

  // By keyboard, as every action of the UI: the button takes the focus and Enter presses it.
  const button = row.getByRole("button", { name: "Sign in to remote", exact: true });
  await button.focus();
  const [signInPage] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
  await signInPage.waitForLoadState();
  expect(new URL(signInPage.url()).port, "the authorization server's page, not the proxy's").not.toBe(String(sidecar.port + 1));
  expect(signInPage.url()).not.toContain(TOKEN);

  await signInPage.locator('input[name="login"]').fill("alice");
  await signInPage.locator('input[name="password"]').fill("any");
  await signInPage.locator('button[type="submit"]').click();
  await signInPage.locator('button[type="submit"]').click(); // the consent form: Continue
  await expect(signInPage.locator("body")).toContainText("Signed in to remote");
  await signInPage.screenshot({ path: join(screenshots, "sign-in-done.png") });

  await expect(row.locator(".badge")).toHaveText("Running");
  await expect(row.locator("td").nth(3)).toHaveText("1");
  await page.screenshot({ path: join(screenshots, "sign-in-running-light.png"), fullPage: true });

  const initialized = await mcp("initialize", {
    protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "e2e", version: "1" },
  });
  expect(initialized.session).not.toBeNull();
  await fetch(sidecar.mcpUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", "Mcp-Session-Id": initialized.session ?? "" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
  });
  const listed = await mcp("tools/list", {}, initialized.session ?? undefined);
  expect(listed.body).toContain('"remote__whoami"');
});
