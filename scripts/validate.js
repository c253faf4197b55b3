#!/usr/bin/env node
// `npm run validate`: tools/validate/cli.ts, bundled by esbuild when a source changed (scripts/bundle.js).
const { bundle, root } = require("./bundle");

require(bundle("tools/validate/cli.ts"))
  .main(root, process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exit(2);
    },
  );
