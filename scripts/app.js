#!/usr/bin/env node
// The command cdktf.json runs: bundles main.ts with esbuild when a source changed (no type-check:
// `npm test` does that once) and runs it. Dependencies stay external, so only the provider modules used load.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
// One bundle per checkout: git worktrees share node_modules, and a bundle newer than another
// checkout's sources would otherwise be run there, synthesizing this checkout's code.
const outfile = path.join(root, "node_modules", ".cache", "app", root.replace(/[\\/:]/g, "_"), "main.js");

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

// Rebuilding costs about 120 ms (esbuild's start): skip it when no source changed since.
const built = fs.existsSync(outfile) ? fs.statSync(outfile).mtimeMs : 0;
if (built <= newestSource()) {
  // Built beside it and renamed into place, so a concurrent run never loads a half-written bundle.
  const partial = `${outfile}.${process.pid}`;
  require("esbuild").buildSync({
    entryPoints: [path.join(root, "main.ts")],
    outfile: partial,
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
  fs.renameSync(partial, outfile);
}
// Node 20 has no built-in compile cache: keep V8's compiled code of cdktf and the provider modules
// between runs (about a third of the synth time).
require("v8-compile-cache-lib").install({ cacheDir: path.join(root, "node_modules", ".cache", "v8") });
process.chdir(root);
require(outfile);
