/**
 * Fresh synth output to validate: runs the app (scripts/app.js) twice, with cdktf's App writing
 * to CDKTF_OUTDIR, the second time with SYNTH_HCL_OUTPUT=true (what `cdktf synth --hcl` sets).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface SynthOutput {
  readonly dir: string;
  readonly jsonDir: string;
  readonly hclDir: string;
  readonly milliseconds: number;
}

export class SynthError extends Error {}

/**
 * The app's environment for a synth of every stack into `outdir`: ENVIRONMENTS, which narrows a
 * synth to some stacks, is left out, so that validate always covers them all.
 */
export function synthEnvironment(base: NodeJS.ProcessEnv, outdir: string, hcl: boolean): NodeJS.ProcessEnv {
  const { ENVIRONMENTS: _selection, SYNTH_HCL_OUTPUT: _hcl, ...env } = base;
  return { ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...(hcl ? { SYNTH_HCL_OUTPUT: "true" } : {}) };
}

function run(root: string, outdir: string, hcl: boolean): void {
  const env = synthEnvironment(process.env, outdir, hcl);
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
  if (result.status !== 0) {
    const output = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim() || String(result.error ?? `exit code ${result.status}`);
    throw new SynthError(`${hcl ? "HCL" : "JSON"} synth failed:\n${output}`);
  }
}

/** Synthesizes JSON and HCL into a new temporary folder (removeSynthOutput deletes it). */
export function synthesize(root: string): SynthOutput {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-synth-"));
  const jsonDir = path.join(dir, "json");
  const hclDir = path.join(dir, "hcl");
  try {
    // One after the other: both runs rebuild the same esbuild bundle of main.ts.
    run(root, jsonDir, false);
    run(root, hclDir, true);
  } catch (error) {
    removeSynthOutput(dir);
    throw error;
  }
  return { dir, jsonDir, hclDir, milliseconds: Date.now() - started };
}

export function removeSynthOutput(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
