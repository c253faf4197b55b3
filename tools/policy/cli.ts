/**
 * `npm run policy [-- --dir <synth output>]`: the policy pack over every synthesized stack. Without
 * --dir, synthesizes into a temporary folder first. Prints every finding and every suppression
 * with its reason; exits 1 when a finding is an error.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkSynthOutput, errorsOf, formatReport } from "./check";

const USAGE = "usage: npm run policy [-- --dir <folder holding stacks/<stack>/cdk.tf.json>]";

function parseDir(args: readonly string[]): string | undefined {
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--dir") {
      dir = args[++i];
      if (!dir) throw new Error(`--dir needs a folder\n${USAGE}`);
    } else if (arg.startsWith("--dir=")) dir = arg.slice("--dir=".length);
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return dir;
}

/** Runs the app into `outdir`. Its own policy step may exit 1; the stacks are written all the same. */
function synthesize(root: string, outdir: string): string | undefined {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.SYNTH_HCL_OUTPUT;
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
  if (fs.existsSync(path.join(outdir, "stacks"))) return undefined;
  return `synth failed:\n${`${result.stderr ?? ""}${result.stdout ?? ""}`.trim() || `exit code ${result.status}`}`;
}

export function main(root: string, argv: readonly string[]): number {
  const started = Date.now();
  let dir: string | undefined;
  try {
    dir = parseDir(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const temporary = dir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "policy-synth-"));
  try {
    if (temporary) {
      const failure = synthesize(root, temporary);
      if (failure) {
        process.stderr.write(`${failure}\n`);
        return 2;
      }
    }
    const reports = checkSynthOutput(path.resolve(dir ?? temporary!));
    if (!reports.length) {
      process.stderr.write(`policy: ${dir} holds no stacks/<stack>/cdk.tf.json; synthesize first (npm run synth) or point --dir at the synth output folder\n`);
      return 2;
    }
    for (const line of formatReport(reports)) process.stdout.write(`${line}\n`);
    const findings = reports.flatMap((r) => r.findings);
    const errors = errorsOf(reports).length;
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    const summary = [
      `policy: ${count(reports.length, "stack")}`,
      `${reports.reduce((n, r) => n + r.compliant, 0)} compliant`,
      count(errors, "error"),
      count(findings.length - errors, "warning"),
      count(
        reports.reduce((n, r) => n + r.suppressed.length, 0),
        "suppression",
      ),
      `${reports.reduce((n, r) => n + r.notApplicable, 0)} not applicable, ${Date.now() - started} ms`,
    ].join(", ");
    (errors ? process.stderr : process.stdout).write(`${summary}\n`);
    return errors ? 1 : 0;
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}
