#!/usr/bin/env node
// The command cdktf.json runs: bundles main.ts with esbuild (tens of ms, no type-check: `npm test`
// does that once) and runs it. Dependencies stay external, so only the provider modules used load.
// The bundle is this process's own file: concurrent runs (tests, `npm run diff`, other checkouts
// sharing node_modules) would otherwise truncate the file another one is loading.
const path = require("node:path");
const { rmSync } = require("node:fs");
const { buildSync } = require("esbuild");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "node_modules", ".cache", "app", `main-${process.pid}.js`);
process.on("exit", () => rmSync(outfile, { force: true }));
buildSync({
  entryPoints: [path.join(root, "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "error",
});
process.chdir(root);
require(outfile);
