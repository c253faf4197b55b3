#!/usr/bin/env node
// The command cdktf.json runs: bundles main.ts with esbuild when a source changed (no type-check:
// `npm test` does that once) and runs it. Dependencies stay external, so only the provider modules used load.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
// One bundle per checkout: other checkouts may share node_modules (git worktrees, `npm run diff`).
const checkout = crypto.createHash("sha1").update(root).digest("hex").slice(0, 12);
const outfile = path.join(root, "node_modules", ".cache", "app", checkout, "main.js");

/** Newest modification time of the sources the bundle is built from. */
function newestSource() {
  let newest = fs.statSync(path.join(root, "main.ts")).mtimeMs;
  for (const dir of ["src", "environments"]) {
    for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

// Rebuilding costs about 120 ms (esbuild's start): skip it when no source changed since. A rebuild
// is written to a file of this process and renamed into place, so a concurrent run never loads
// half a bundle.
const built = fs.existsSync(outfile) ? fs.statSync(outfile).mtimeMs : 0;
if (built <= newestSource()) {
  const result = require("esbuild").buildSync({
    entryPoints: [path.join(root, "main.ts")],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temporary = `${outfile}.${process.pid}`;
  fs.writeFileSync(temporary, result.outputFiles[0].contents);
  fs.renameSync(temporary, outfile);
}
// cdktf records where every token was created by capturing and formatting a full stack into a plain
// object, thousands of times per synth. Real errors keep their usual stack; those records stay empty.
Error.prepareStackTrace = (error, frames) =>
  error instanceof Error ? [`${error.name}: ${error.message}`, ...frames.map((frame) => `    at ${frame}`)].join("\n") : "";
// Node 20 has no built-in compile cache: keep V8's compiled code of cdktf and the provider modules
// between runs (about a third of the synth time).
require("v8-compile-cache-lib").install({ cacheDir: path.join(root, "node_modules", ".cache", "v8") });
process.chdir(root);
require(outfile);
