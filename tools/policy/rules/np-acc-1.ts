import { Plan } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

export const NP_ACC_1: Rule = {
  id: "NP-ACC-1",
  level: "error",
  message: "Every AWS provider is pinned to exactly one account (allowed_account_ids)",
  explanation:
    "With credentials for the wrong account a plan would create (or destroy) an environment there; pinning makes Terraform refuse before it touches anything.",
  fix: "give the environment its accountId so the provider sets allowed_account_ids to it",
  check(plan: Plan): RuleResult[] {
    return plan.providers().map((p) => {
      const address = p.alias ? `provider.aws.${p.alias}` : "provider.aws";
      const ids = Array.isArray(p.allowed_account_ids) ? p.allowed_account_ids : [];
      return judge(address, [
        ids.length === 1 && typeof ids[0] === "string" && /^\d{12}$/.test(ids[0])
          ? undefined
          : `allowed_account_ids is ${JSON.stringify(p.allowed_account_ids ?? null)}`,
      ]);
    });
  },
};
