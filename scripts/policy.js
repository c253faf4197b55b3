#!/usr/bin/env node
// `npm run policy`: tools/policy/cli.ts, bundled by esbuild when a source changed (scripts/bundle.js).
const { bundle, root } = require("./bundle");

try {
  process.exit(require(bundle("tools/policy/cli.ts")).main(root, process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
}
