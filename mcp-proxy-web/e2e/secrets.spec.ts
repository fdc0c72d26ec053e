// The Secrets view in Debian's Chromium against a real sidecar, whose store here is the encrypted file (no keyring
// on the test's bus), in a state folder of the test's own: set by keyboard, listed by name, never shown, deleted.
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Sidecar } from "./sidecar";

const screenshots = resolve(import.meta.dirname, "../target/screenshots");
mkdirSync(screenshots, { recursive: true });
const VALUE = "e2e-value-" + Math.random().toString(36).slice(2);

let sidecar: Sidecar;

test.beforeAll(async () => {
  sidecar = await Sidecar.start({ yaml: "servers: []\n" });
});

test.afterAll(async () => {
  await sidecar?.stop();
});

test("a secret is set by keyboard, listed by its name only, and deleted; its value is never on the page", async ({ page }) => {
  await page.goto(sidecar.entryUrl);
  await page.getByRole("link", { name: "Secrets" }).click();
  await expect(page.locator("h1")).toHaveText("Secrets");
  await expect(page.locator("[data-store]")).toContainText("encrypted file");
  await expect(page.locator("[data-empty]")).toHaveText("No secrets yet.");

  const name = page.getByLabel("Name", { exact: true });
  await name.fill("a//b");
  await expect(page.locator("#secret-name-hint")).toContainText("no empty part between slashes");
  await expect(page.getByRole("button", { name: "Save the secret" })).toBeDisabled();

  await name.fill("e2e/greeting");
  await page.getByLabel("Value", { exact: true }).focus();
  await page.keyboard.type(VALUE);
  await page.keyboard.press("Enter");
  const row = page.locator('tr[data-secret="e2e/greeting"]');
  await expect(row).toContainText("${secret:e2e/greeting}");
  await expect(page.getByLabel("Value", { exact: true })).toHaveValue("");
  expect(await page.content()).not.toContain(VALUE);
  expect((await sidecar.api("GET", "/api/secrets")).json).toMatchObject({ names: ["e2e/greeting"] });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(screenshots, `secrets-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Delete e2e/greeting" }).click();
  await expect(page.locator("[data-empty]")).toHaveText("No secrets yet.");
  expect((await sidecar.api("GET", "/api/secrets")).json).toMatchObject({ names: [] });
});
