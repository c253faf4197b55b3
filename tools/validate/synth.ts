/**
 * Fresh synth output to validate: runs the app (scripts/app.js) twice at once, with cdktf's App
 * writing to CDKTF_OUTDIR, one of them with SYNTH_HCL_OUTPUT=true (what `cdktf synth --hcl` sets).
 */
import { spawn } from "node:child_process";
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

function run(root: string, outdir: string, hcl: boolean): Promise<void> {
  const env = synthEnvironment(process.env, outdir, hcl);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "app.js")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => reject(new SynthError(`${hcl ? "HCL" : "JSON"} synth failed:\n${String(error)}`)));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new SynthError(`${hcl ? "HCL" : "JSON"} synth failed:\n${output.trim() || `exit ${signal ?? `code ${code}`}`}`));
    });
  });
}

/** Synthesizes JSON and HCL at once, into a new temporary folder (removeSynthOutput deletes it). */
export async function synthesize(root: string): Promise<SynthOutput> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-synth-"));
  const jsonDir = path.join(dir, "json");
  const hclDir = path.join(dir, "hcl");
  // Both runs share one esbuild bundle of main.ts (scripts/bundle.js writes it atomically): the
  // JSON run starts first so that, after a source change, the HCL run usually finds it built.
  const results = await Promise.allSettled([run(root, jsonDir, false), run(root, hclDir, true)]);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) {
    removeSynthOutput(dir);
    throw failed.reason;
  }
  return { dir, jsonDir, hclDir, milliseconds: Date.now() - started };
}

export function removeSynthOutput(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
