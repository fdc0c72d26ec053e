import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a browser Playwright downloads (nothing may be fetched from outside the registries).
const chromium = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "target/e2e-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  // Generous for what waits on a server (a start, the first token count); the tests that time the UI say so.
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 860 },
    launchOptions: { executablePath: chromium, args: ["--no-sandbox", "--disable-dev-shm-usage"] },
    trace: "off",
  },
});
