/** Runs the policy rules over synthesized stacks and applies the suppressions. */
import { Finding } from "../findings";
import { Json, Plan, isObject } from "./plan";
import { Rule } from "./rule";
import { RULES } from "./rules";
import { SUPPRESSIONS, Suppression } from "./suppressions";

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
  /** `list` (tools/policy/suppressions.ts) or `resource` (its `//.suppressions`). */
  readonly source: "list" | "resource";
}

export interface StackReport {
  readonly stack: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly compliant: number;
  readonly notApplicable: number;
}

/** Suppressions written on a resource: `"//": {"suppressions": [{"id": "NP-X-1", "reason": "..."}]}`. */
export function suppressionsOf(body: Json | undefined): { id: string; reason: string }[] {
  const meta = isObject(body) ? body["//"] : undefined;
  const list = isObject(meta) && Array.isArray(meta.suppressions) ? meta.suppressions : [];
  return list.filter(isObject).map((s) => ({ id: String(s.id ?? ""), reason: String(s.reason ?? "") }));
}

const metadataPath = (body: Json | undefined): string | undefined => {
  const meta = isObject(body) ? body["//"] : undefined;
  const path = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
  return typeof path === "string" ? path : undefined;
};

function matches(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]*")}$`,
  );
  return regex.test(path);
}

/** Problems with the suppressions themselves: an unknown rule or an empty reason is an error. */
export function checkSuppression(id: string, reason: string, rules: readonly Rule[]): string | undefined {
  if (!rules.some((r) => r.id === id)) return `suppression names unknown rule "${id}"`;
  if (reason.trim().length < 10) return `suppression of ${id} needs a real reason`;
  return undefined;
}

export function checkPlan(plan: Plan, rules: readonly Rule[] = RULES, list: readonly Suppression[] = SUPPRESSIONS): StackReport {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  let compliant = 0;
  let notApplicable = 0;
  for (const rule of rules) {
    for (const result of rule.check(plan)) {
      if (result.compliance === "compliant") compliant++;
      else if (result.compliance === "not-applicable") notApplicable++;
      else {
        const finding: Finding = {
          id: rule.id,
          level: rule.level,
          stack: plan.stack,
          address: result.address,
          path: result.path ?? "-",
          message: result.detail ? `${rule.message}: ${result.detail}` : rule.message,
          fix: rule.fix,
        };
        const body = plan.block(result.address)?.body;
        const onResource = suppressionsOf(body).find((s) => s.id === rule.id);
        const path = metadataPath(body);
        const listed = path ? list.find((s) => s.id === rule.id && matches(s.path, path)) : undefined;
        if (onResource && !checkSuppression(onResource.id, onResource.reason, rules))
          suppressed.push({ finding, reason: onResource.reason, source: "resource" });
        else if (listed) suppressed.push({ finding, reason: listed.reason, source: "list" });
        else findings.push(finding);
      }
    }
  }
  for (const block of plan.allResources()) {
    for (const s of suppressionsOf(block.body)) {
      const problem = checkSuppression(s.id, s.reason, rules);
      if (problem)
        findings.push({
          id: "NP-SUPPRESS",
          level: "error",
          stack: plan.stack,
          address: block.address,
          path: "//.suppressions",
          message: problem,
          fix: "name a rule of the pack and say why the exception is right",
        });
    }
  }
  return { stack: plan.stack, findings, suppressed, compliant, notApplicable };
}
