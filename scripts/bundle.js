// Bundles a TypeScript entry point with esbuild for the node scripts (app, validate, diff), only
// when a source changed: no type-check here, `npm test` does that once. Dependencies stay external.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const SOURCES = ["main.ts", "src", "environments", "tools"];

/** Newest modification time of the project's TypeScript sources. */
function newestSource() {
  let newest = 0;
  for (const source of SOURCES) {
    const full = path.join(root, source);
    if (!fs.existsSync(full)) continue;
    const stat = fs.statSync(full);
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
    else {
      for (const entry of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

/**
 * Path of the bundle of `entry` (relative to the repository), rebuilt when a source is newer.
 * One bundle per checkout, since other checkouts may share node_modules (git worktrees, `npm run
 * diff`); a rebuild is written to this process's own file and renamed into place, so a concurrent
 * run never loads half a bundle. Rebuilding costs about 120 ms (esbuild's start).
 */
function bundle(entry) {
  const checkout = crypto.createHash("sha1").update(root).digest("hex").slice(0, 12);
  const outfile = path.join(root, "node_modules", ".cache", "bundles", checkout, `${entry.replace(/[\\/]/g, "_").replace(/\.ts$/, "")}.js`);
  const built = fs.existsSync(outfile) ? fs.statSync(outfile).mtimeMs : 0;
  if (built <= newestSource()) {
    const result = require("esbuild").buildSync({
      entryPoints: [path.join(root, entry)],
      outfile,
      write: false,
      bundle: true,
      platform: "node",
      target: "node20",
      packages: "external",
      // No source map: node applies one only with --enable-source-maps, which no script sets, and an
      // inline one would triple the file every synth reads and hashes.
      sourcemap: false,
      logLevel: "error",
    });
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    const temporary = `${outfile}.${process.pid}`;
    fs.writeFileSync(temporary, result.outputFiles[0].contents);
    fs.renameSync(temporary, outfile);
  }
  return outfile;
}

module.exports = { bundle, root };
