/**
 * The HCL rendering is what reviewers read: it must be exactly what `terraform fmt` writes (the
 * synth runs it: scripts/synth-output.js). Needs the terraform binary, and only its `fmt`, which
 * reads no provider and no state.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { ProblemSink } from "./problems";

export interface HclFile {
  readonly stack: string;
  readonly file: string;
}

/**
 * `terraform fmt -check`: the files it would change (it lists them relative to its working
 * folder), or an error (status 2: one does not parse).
 */
function fmtCheck(files: readonly string[], env: NodeJS.ProcessEnv): { listed: Set<string>; error?: string } {
  const result = spawnSync("terraform", ["fmt", "-check", "-list=true", "-no-color", ...files], { encoding: "utf8", env });
  if (result.error) return { listed: new Set(), error: `terraform fmt could not run (${result.error.message})` };
  const listed = new Set(
    result.stdout
      .split("\n")
      .filter(Boolean)
      .map((file) => path.resolve(file)),
  );
  return result.status === 2 ? { listed, error: result.stderr.trim() } : { listed };
}

/**
 * Adds a problem per file `terraform fmt` would change; returns why it could not check, if so.
 * `env`: where terraform is looked up (PATH).
 */
export function checkHclFormat(files: readonly HclFile[], sink: ProblemSink, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (files.length === 0) return undefined;
  const checked = fmtCheck(
    files.map((f) => f.file),
    env,
  );
  let { listed } = checked;
  const { error } = checked;
  if (error?.startsWith("terraform fmt could not run")) return `${error}: install Terraform to check that cdk.tf is terraform fmt-canonical`;
  if (error) {
    // A file that does not parse stops fmt; the HCL check reports it. Check the others one by one.
    listed = new Set(files.flatMap((f) => [...fmtCheck([f.file], env).listed]));
  }
  for (const { stack, file } of files) {
    if (listed.has(path.resolve(file))) {
      sink.add(
        stack,
        "cdk.tf",
        "-",
        "is not terraform fmt-canonical",
        "synthesize it with npm run synth:hcl or npx cdktf synth --hcl (both run terraform fmt), or run terraform fmt on it",
      );
    }
  }
  return undefined;
}
