#!/usr/bin/env node
// The command cdktf.json runs: main.ts, bundled by esbuild when a source changed (scripts/bundle.js).
const path = require("node:path");
require("./defer-archiver")();
const { bundle, root } = require("./bundle");
const { fixTerraformBlockRendering, formatHcl, keepOneRendering } = require("./synth-output");

const outfile = bundle("main.ts");
require("./token-traces")();
// Node 20 has no built-in compile cache: keep V8's compiled code of cdktf and the provider modules
// between runs (about a third of the synth time).
require("v8-compile-cache-lib").install({ cacheDir: path.join(root, "node_modules", ".cache", "v8") });
// cdktf (archived) calls util.isArray, which Node 24 deprecates with a warning on every synth; it is
// Array.isArray.
require("node:util").isArray = Array.isArray;
process.chdir(root);
fixTerraformBlockRendering();
require(outfile);
if (!process.exitCode) {
  // main.ts passes no outdir: cdktf's App writes to CDKTF_OUTDIR, or cdktf.out.
  const files = keepOneRendering(process.env.CDKTF_OUTDIR || "cdktf.out");
  const problem = formatHcl(files.filter((file) => file.endsWith(".tf")));
  if (problem) process.stderr.write(`synth: ${problem}\n`);
}
