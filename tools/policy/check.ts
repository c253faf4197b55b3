/** Reads a synth output folder and checks every stack in it (shared by the CLI and the synth step). */
import * as fs from "node:fs";
import * as path from "node:path";
import { Finding, formatFinding } from "../findings";
import { checkPlan, StackReport } from "./pack";
import { Plan, isObject } from "./plan";

/** Checks `<dir>/stacks/<stack>/cdk.tf.json` for the given stacks (all when omitted). */
export function checkSynthOutput(dir: string, stacks?: readonly string[]): StackReport[] {
  const stacksDir = path.join(dir, "stacks");
  const names =
    stacks ??
    (fs.existsSync(stacksDir)
      ? fs
          .readdirSync(stacksDir)
          .filter((n) => fs.existsSync(path.join(stacksDir, n, "cdk.tf.json")))
          .sort()
      : []);
  return names.map((name) => {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(stacksDir, name, "cdk.tf.json"), "utf8"));
    if (!isObject(json)) throw new Error(`${name}: cdk.tf.json does not hold a JSON object`);
    return checkPlan(new Plan(name, json));
  });
}

export const errorsOf = (reports: readonly StackReport[]): Finding[] => reports.flatMap((r) => r.findings.filter((f) => f.level === "error"));

/** The report: every finding, then every suppression with its reason. */
export function formatReport(reports: readonly StackReport[]): string[] {
  const lines = reports.flatMap((r) => r.findings.map(formatFinding));
  for (const r of reports)
    for (const s of r.suppressed)
      lines.push(
        `suppressed ${s.finding.id} ${s.finding.stack} ${s.finding.address}: ${s.reason} (${s.source === "list" ? "tools/policy/suppressions.ts" : "on the resource"})`,
      );
  return lines;
}
