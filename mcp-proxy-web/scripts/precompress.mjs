// After `vite build`: compresses every file of the bundle at build time (gzip and brotli, at their highest levels,
// kept only where smaller), writes the manifest the sidecar serves from, and prints the bundle's size against its
// budget. The sidecar holds these bytes in memory and never compresses at run time.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = new URL("../target/dist/", import.meta.url).pathname;
const budgetBytes = 150 * 1024;

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

function filesUnder(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const entries = [];
let gzipTotal = 0;
let identityTotal = 0;
for (const file of filesUnder(dist)) {
  const extension = extname(file);
  if (extension === ".gz" || extension === ".br" || file.endsWith("manifest.json")) continue;
  const type = contentTypes[extension];
  if (!type) throw new Error(`No content type known for ${file}; add its extension to scripts/precompress.mjs`);
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 });
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const encodings = [];
  if (gzip.length < bytes.length) {
    writeFileSync(file + ".gz", gzip);
    encodings.push("gzip");
  }
  if (brotli.length < bytes.length) {
    writeFileSync(file + ".br", brotli);
    encodings.push("br");
  }
  const path = "/" + relative(dist, file).split("\\").join("/");
  const hash = createHash("sha256").update(bytes).digest("base64url").slice(0, 22);
  entries.push({ path, type, hash, encodings });
  identityTotal += bytes.length;
  gzipTotal += Math.min(gzip.length, bytes.length);
}
entries.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync(join(dist, "manifest.json"), JSON.stringify({ files: entries }, null, 1) + "\n");

const kB = (n) => (n / 1024).toFixed(1) + " kB";
console.log(`web UI bundle: ${entries.length} files, ${kB(identityTotal)}, ${kB(gzipTotal)} gzipped ` +
  `(budget ${kB(budgetBytes)} gzipped)`);
if (gzipTotal > budgetBytes) {
  console.error(`The web UI's bundle is over its budget: ${kB(gzipTotal)} gzipped > ${kB(budgetBytes)}`);
  process.exit(1);
}
