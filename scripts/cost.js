#!/usr/bin/env node
// `npm run cost`: tools/cost/cli.ts, bundled by esbuild when a source changed (scripts/bundle.js).
const { bundle, root } = require("./bundle");

const cli = require(bundle("tools/cost/cli.ts"));
// npm runs scripts in the package root; INIT_CWD is where `npm run cost` was typed.
process.exitCode = cli.main(process.argv.slice(2), root, process.env.INIT_CWD || process.cwd(), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
