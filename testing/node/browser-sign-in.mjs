// The browser step of a sign-in, in Chromium through Playwright, for the Java tests: opens the authorization URL,
// signs in and consents on oidc-provider's development forms, and prints the page the proxy's redirect address
// answered. Debian's chromium is used (CHROMIUM, default /usr/bin/chromium); Playwright downloads no browser here.
//   node browser-sign-in.mjs AUTHORIZATION_URL
import { chromium } from "playwright-core";

const [authorizationUrl] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  await page.goto(authorizationUrl);
  await page.fill('input[name="login"]', "alice");
  await page.fill('input[name="password"]', "x");
  await page.click('button[type="submit"]');
  await page.waitForSelector('button[type="submit"]');
  await Promise.all([page.waitForURL(/\/oauth\/callback\?/), page.click('button[type="submit"]')]);
  console.log(`landed on ${new URL(page.url()).pathname}: ${await page.textContent("body")}`);
} finally {
  await browser.close();
}
