/**
 * The pack on every synth (main.ts): checks the stacks just written and returns one line per
 * error-level finding, naming stack, address, rule and fix. Warnings wait for `npm run policy`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatFinding } from "../findings";
import { checkSynthOutput, errorsOf } from "./check";

export function policyErrorsAtSynth(outdir: string, stacks: readonly string[]): string[] {
  // An HCL synth (SYNTH_HCL_OUTPUT) writes cdk.tf only; its JSON twin is checked on the JSON synth.
  const written = stacks.filter((s) => fs.existsSync(path.join(outdir, "stacks", s, "cdk.tf.json")));
  return errorsOf(checkSynthOutput(outdir, written)).map(
    (f) =>
      `policy: stack ${f.stack} fails ${formatFinding(f)} (npm run policy lists every finding; a justified exception goes in tools/policy/suppressions.ts)`,
  );
}
