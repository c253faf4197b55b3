#!/usr/bin/env node
// `npm run diff -- <git-ref>`: bundles tools/diff (esbuild, like app.js: no type-check here, `npm test`
// does that) into a file of its own, so concurrent runs never read each other's, and runs it.
const path = require("node:path");
const { rmSync } = require("node:fs");
const { buildSync } = require("esbuild");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "node_modules", ".cache", "diff", `cli-${process.pid}.js`);
buildSync({
  entryPoints: [path.join(root, "tools", "diff", "cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "error",
});
let cli;
try {
  cli = require(outfile);
} finally {
  rmSync(outfile, { force: true });
}
// npm runs scripts in the package root; INIT_CWD is where `npm run diff` was typed.
process.exitCode = cli.main(process.argv.slice(2), root, process.env.INIT_CWD || process.cwd(), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
