#!/usr/bin/env node
// `npm run diagram`: tools/diagram/cli.ts, bundled by esbuild when a source changed (scripts/bundle.js).
const { bundle, root } = require("./bundle");

// npm runs scripts in the package root; INIT_CWD is where `npm run diagram` was typed.
require(bundle("tools/diagram/cli.ts"))
  .main(root, process.argv.slice(2), process.env.INIT_CWD || process.cwd())
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exit(2);
    },
  );
