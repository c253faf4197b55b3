#!/usr/bin/env node
// `npm run bench`: the speed figures of the README ("Speed"), measured in one run so ratios compare.
// Prints medians over N runs (BENCH_RUNS, default 7) of wall time and peak memory.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? 7);
const rssProbe = path.join(__dirname, "rss-probe.js");

function measure(label, command, args, { env = {}, count = runs } = {}) {
  const times = [];
  const rss = [];
  for (let i = 0; i < count; i++) {
    const outdir = mkdtempSync(path.join(tmpdir(), "bench-"));
    const start = process.hrtime.bigint();
    const result = spawnSync(command, typeof args === "function" ? args(outdir) : args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, NODE_OPTIONS: `--require ${rssProbe}`, ...env },
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    rmSync(outdir, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
    const peaks = [...result.stderr.matchAll(/^maxrss-kb=(\d+)$/gm)].map((m) => Number(m[1]));
    rss.push(Math.max(0, ...peaks) / 1024);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { label, ms: median(times), mb: median(rss) };
}

const node = process.execPath;
const baseline = measure("node -e require('cdktf')", node, ["-e", "require('cdktf')"]);
const app = measure("app command (cdktf.json), all stacks", node, ["scripts/app.js"]);
const results = [baseline, app];
if (!process.argv.includes("--quick")) {
  results.push(measure("npx cdktf synth (CLI start included)", "npx", (out) => ["cdktf", "synth", "--output", out], { count: 3 }));
}
for (const r of results) {
  console.log(`${r.label.padEnd(44)} median ${r.ms.toFixed(0).padStart(6)} ms   peak ${r.mb.toFixed(0).padStart(4)} MB`);
}
console.log(`synth / require('cdktf') ratio: ${(app.ms / baseline.ms).toFixed(2)}x (limit 5x); app peak memory ${app.mb.toFixed(0)} MB (limit 300 MB)`);

if (!process.argv.includes("--quick")) {
  const validate = measure("npm run validate (synth JSON + HCL, checks)", "npm", ["run", "-s", "validate"], { count: 3 });
  console.log(`${validate.label.padEnd(44)} median ${validate.ms.toFixed(0).padStart(6)} ms`);
}

if (process.argv.includes("--tests")) {
  const start = process.hrtime.bigint();
  const result = spawnSync("npm", ["test", "--silent"], { cwd: root, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`npm test (typecheck, jest, validate): ${seconds.toFixed(1)} s, exit ${result.status} (limit 30 s)`);
}
