/** What a policy rule is (cdk-nag's NagRule for cdktf): a pure function of a synthesized stack. */
import { Level } from "../findings";
import { Plan } from "./plan";

export type Compliance = "compliant" | "non-compliant" | "not-applicable";

export interface RuleResult {
  readonly address: string;
  readonly compliance: Compliance;
  /** Attribute path the result is about; `-` for the block. */
  readonly path?: string;
  /** What exactly is wrong, for a non-compliant result (appended to the rule's message). */
  readonly detail?: string;
}

export interface Rule {
  /** `NP-<AREA>-<n>`: stable, cited by suppressions. */
  readonly id: string;
  readonly level: Level;
  /** One line: what the rule requires. */
  readonly message: string;
  /** Why it matters. */
  readonly explanation: string;
  readonly fix: string;
  /** One result per block the rule looks at. */
  check(plan: Plan): RuleResult[];
}

export const compliant = (address: string): RuleResult => ({ address, compliance: "compliant" });
export const notApplicable = (address: string): RuleResult => ({ address, compliance: "not-applicable" });
export const nonCompliant = (address: string, detail: string, path = "-"): RuleResult => ({ address, compliance: "non-compliant", detail, path });

/** One result for a block from its problems: compliant when there are none. */
export function judge(address: string, problems: readonly (string | false | undefined)[]): RuleResult {
  const found = problems.filter((p): p is string => typeof p === "string");
  return found.length ? nonCompliant(address, found.join("; ")) : compliant(address);
}
