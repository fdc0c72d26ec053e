// Profiles in the UI, in Debian's Chromium against a real sidecar: the context-cost view shows each profile's total,
// and "Connect a client" makes a client's entry for a profile's endpoint, with its token.
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { demoAndEverythingYaml, Sidecar } from "./sidecar";

const screenshots = resolve(import.meta.dirname, "../target/screenshots");
mkdirSync(screenshots, { recursive: true });
const PROFILE_TOKEN = "e2e-profile-" + Math.random().toString(36).slice(2);

let sidecar: Sidecar;

test.beforeAll(async () => {
  sidecar = await Sidecar.start({
    yaml: demoAndEverythingYaml() + `profiles:
  - name: echo-only
    token: "${PROFILE_TOKEN}"
    servers:
      - name: demo
        tools: {include: ["echo"]}
`,
  });
});

test.afterAll(async () => {
  await sidecar?.stop();
});

test("the context cost shows what each profile's endpoint costs, less than every server's", async ({ page }) => {
  await page.goto(sidecar.entryUrl);
  await page.getByRole("link", { name: "Context cost" }).click();
  const row = page.locator('tr[data-profile="echo-only"]');
  await expect(row.locator("td").first()).toHaveText("1");
  const profileTokens = Number((await row.locator("[data-profile-total]").innerText()).replace(/\D/g, ""));
  const allTokens = Number((await page.locator("[data-total]").innerText()).replace(/\D/g, ""));
  expect(profileTokens).toBeGreaterThan(0);
  expect(profileTokens).toBeLessThan(allTokens);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, "context-profiles-light.png"), fullPage: true });
});

test("Connect a client offers the profile, whose entry points at its endpoint with its token", async ({ page }) => {
  await page.goto(sidecar.entryUrl);
  await page.getByRole("link", { name: "Connect a client" }).click();
  const generic = page.getByLabel("Another client entry");
  await expect(generic).toContainText(sidecar.mcpUrl);
  await page.getByLabel("Endpoint").selectOption("echo-only");
  await expect(generic).toContainText(`/profiles/echo-only/mcp`);
  await expect(page.getByLabel("Cursor entry")).toContainText(PROFILE_TOKEN);
  await page.screenshot({ path: join(screenshots, "connect-profile-light.png"), fullPage: true });
  await page.getByLabel("Endpoint").selectOption("");
  await expect(generic).not.toContainText("/profiles/");
});
