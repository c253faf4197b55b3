/** Getting synthesized apps to compare: read from a folder, or synthesize a git ref or the working tree. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Synth } from "./diff";

export class DiffError extends Error {}

/** Reads `<dir>/stacks/<stack>/cdk.tf.json` for every stack: a cdktf output folder. */
export function readSynth(dir: string): Synth {
  const stacks = join(dir, "stacks");
  if (!existsSync(stacks)) throw new DiffError(`${dir} is not a synthesized output: it has no stacks/ folder`);
  const synth: Synth = {};
  for (const name of readdirSync(stacks).sort()) {
    const file = join(stacks, name, "cdk.tf.json");
    if (existsSync(file)) synth[name] = JSON.parse(readFileSync(file, "utf8"));
    else if (existsSync(join(stacks, name, "cdk.tf"))) {
      throw new DiffError(`${join(stacks, name)} holds the HCL rendering (cdk.tf) only, and the diff reads JSON: synthesize with npm run synth`);
    }
  }
  if (Object.keys(synth).length === 0) throw new DiffError(`${dir} holds no stacks/<stack>/cdk.tf.json: synthesize with npm run synth`);
  return synth;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new DiffError(`${command} ${args.join(" ")} failed in ${cwd}:\n${(result.stderr || result.stdout || String(result.error)).trim()}`);
  }
  return result.stdout;
}

/**
 * The app's environment for a synth of every stack into `outdir`: ENVIRONMENTS, which narrows a
 * synth to some stacks, is left out, so that the diff's guard covers them all.
 */
export function synthEnvironment(base: NodeJS.ProcessEnv, outdir: string): NodeJS.ProcessEnv {
  const { ENVIRONMENTS: _selection, SYNTH_HCL_OUTPUT: _hcl, ...env } = base;
  return { ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
}

/** Runs the app of the checkout at `root` (scripts/app.js, as cdktf.json does) into `outdir`. */
export function synthesize(root: string, outdir: string): Synth {
  if (!existsSync(join(root, "scripts", "app.js"))) throw new DiffError(`${root} has no scripts/app.js to synthesize with`);
  run(process.execPath, ["scripts/app.js"], root, synthEnvironment(process.env, outdir));
  return readSynth(outdir);
}

/**
 * `node_modules` for a temporary checkout: a folder of links to each installed package, so the
 * checkout shares the install but keeps its own `.cache` (where scripts/app.js writes its bundle).
 */
function linkNodeModules(installed: string, target: string): void {
  mkdirSync(target);
  for (const entry of readdirSync(installed)) {
    if (entry !== ".cache") symlinkSync(join(installed, entry), join(target, entry));
  }
}

/**
 * Synthesizes the app as it is at git `ref`: a temporary worktree (removed afterwards) sharing this
 * checkout's installed packages, in `work` (removed afterwards too). The ref's own dependency versions are not installed: if its
 * package-lock.json differs, the comparison uses today's packages for both sides.
 */
export function synthesizeRef(root: string, ref: string, work = mkdtempSync(join(tmpdir(), "notes-diff-"))): Synth {
  const commit = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, encoding: "utf8" });
  if (commit.status !== 0) throw new DiffError(`${ref} is not a git commit here (fetch it first, e.g. git fetch origin main)`);
  const tree = join(work, "tree");
  run("git", ["worktree", "add", "--detach", "--quiet", tree, commit.stdout.trim()], root);
  try {
    linkNodeModules(realpathSync(join(root, "node_modules")), join(tree, "node_modules"));
    return synthesize(tree, join(work, "out"));
  } finally {
    // Links first, so that removing the worktree can never follow one into the shared install.
    rmSync(join(tree, "node_modules"), { recursive: true, force: true });
    spawnSync("git", ["worktree", "remove", "--force", tree], { cwd: root });
    rmSync(work, { recursive: true, force: true });
  }
}

/** Synthesizes the working tree at `root` into a temporary folder (cdktf.out is left alone). */
export function synthesizeWorkingTree(root: string): Synth {
  const work = mkdtempSync(join(tmpdir(), "notes-diff-"));
  try {
    return synthesize(root, join(work, "out"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
