#!/usr/bin/env node
// `npm test [-- <jest arguments>]`: type-checks with tsc while jest runs, then lints; forwards every
// argument to jest, so `npm test -- -u` updates the inventories as jest's own hint says.
// Exit status: the first failure's (tsc's or jest's), 0 when both pass.
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(signal ? 1 : code));
  });
}

// Both start at once: tsc uses one core while jest's global setup synthesizes the stacks on the other.
Promise.all([run(bin("tsc"), ["--noEmit", "-p", "."]), run(bin("jest"), process.argv.slice(2))]).then(([tsc, jest]) => {
  if (tsc !== 0) process.stderr.write("npm test: tsc found type errors (above)\n");
  if (tsc || jest) {
    process.exitCode = tsc || jest;
    return;
  }
  // Lint last, on a tree that type-checks: eslint (type-aware), prettier --check, the lockfile check.
  return run("npm", ["run", "-s", "lint"]).then((lint) => {
    if (lint !== 0) process.stderr.write("npm test: lint failed (above); npm run format fixes what it can\n");
    process.exitCode = lint;
  });
});
