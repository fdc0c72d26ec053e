import { defineConfig } from "vite";

// The bundle goes where the Maven build picks it up (target/, never into git); the sidecar serves it from memory.
export default defineConfig({
  build: {
    outDir: "target/dist",
    emptyOutDir: true,
    target: "es2020",
    assetsDir: "assets",
    // JavaFX's WebKit and Chromium both take ES modules; one chunk keeps the first load to two requests.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});
