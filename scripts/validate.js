#!/usr/bin/env node
// `npm run validate`: bundles tools/validate/cli.ts with esbuild (like scripts/app.js does for
// main.ts; no type-check, `npm test` does that) and runs it. See tools/validate/cli.ts.
const path = require("node:path");
const { buildSync } = require("esbuild");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "node_modules", ".cache", "validate", "cli.js");
buildSync({
  entryPoints: [path.join(root, "tools", "validate", "cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "error",
});
require(outfile)
  .main(root, process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exit(2);
    },
  );
