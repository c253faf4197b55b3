#!/usr/bin/env node
// `npm run check:lockfile`: package-lock.json records every optional dependency of every locked
// package, for every platform. npm skips other platforms' binaries (`@swc/core-darwin-arm64`, ...)
// when it installs, and a lockfile written from such a node_modules can lose them (npm/cli#4828,
// #7961); `npm install` then keeps that lockfile, while `npm ci` on any machine refuses it as out of
// sync. No network: it reads the lockfile only.
const fs = require("node:fs");
const path = require("node:path");

/** Lockfile paths, `node_modules/a/node_modules/b`, where Node would find `name` from `from`. */
function candidates(from, name) {
  const found = [];
  let dir = from;
  for (;;) {
    found.push(`${dir ? `${dir}/` : ""}node_modules/${name}`);
    if (!dir) return found;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut < 0 ? "" : dir.slice(0, cut);
  }
}

/** Problems of a lockfile's `packages` map: one line per optional dependency it lacks. */
function missingOptionals(packages) {
  const problems = [];
  for (const [location, entry] of Object.entries(packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!candidates(location, name).some((candidate) => candidate in packages)) {
        problems.push(`${location || "(root)"}: optional dependency ${name} is missing`);
      }
    }
  }
  return problems;
}

if (require.main === module) {
  const file = path.resolve(__dirname, "..", "package-lock.json");
  const problems = missingOptionals(JSON.parse(fs.readFileSync(file, "utf8")).packages);
  if (problems.length > 0) {
    process.stderr.write(
      `package-lock.json lacks ${problems.length} optional dependencies, so \`npm ci\` refuses it:\n` +
        problems.map((problem) => `  ${problem}\n`).join("") +
        "Fix: `npm install --package-lock-only`, then commit package-lock.json.\n",
    );
    process.exitCode = 1;
  }
}

module.exports = { missingOptionals };
