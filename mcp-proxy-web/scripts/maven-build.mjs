// What the Maven build runs for this module (Node from PATH; nothing is downloaded but the npm packages the
// lockfile pins): install them when the lockfile changed, generate the API's types, type-check, lint, bundle.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const module = new URL("..", import.meta.url).pathname;
// npm as the PATH has it (the node package that .ci/run installs brings node alone).
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };

function run(...args) {
  const result = spawnSync(npm, args, { cwd: module, stdio: "inherit", env, shell: process.platform === "win32" });
  if (result.status !== 0) {
    console.error(`npm ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const lock = readFileSync(join(module, "package-lock.json"));
const lockHash = createHash("sha256").update(lock).digest("hex");
const stamp = join(module, "node_modules", ".installed-from-lock");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== lockHash) {
  run("ci", "--no-audit", "--no-fund");
  writeFileSync(stamp, lockHash);
}
const steps = process.argv.slice(2);
for (const step of steps.length ? steps : ["check", "build"]) {
  run("run", "--silent", step);
}
