import { Plan, blockInstances } from "../plan";
import { Rule, RuleResult, compliant, judge, nonCompliant, notApplicable } from "../rule";
import { backupRules, deleteAfter } from "./backup";

/** The mission's promise: a recovery point from any month of the last three years. */
export const THREE_YEARS_DAYS = 1095;

export const NP_BAK_1: Rule = {
  id: "NP-BAK-1",
  level: "error",
  message: `In prod, a backup rule keeps recovery points at least ${THREE_YEARS_DAYS} days (3 years), in the vault and in its DR copy`,
  explanation:
    "The platform promises a restore from any month of the past three years; that holds only if a rule (the monthly one) keeps its points, and their copies, that long.",
  fix: `keep backup.monthlyRetentionDays at ${THREE_YEARS_DAYS} or more in prod`,
  check(plan: Plan): RuleResult[] {
    const plans = plan.resources("aws_backup_plan");
    if (!plan.isProd) return plans.map((p) => notApplicable(p.address));
    if (!plans.length && plan.resources("aws_db_instance").length + plan.resources("aws_rds_cluster").length > 0) {
      return [nonCompliant("aws_backup_plan", "the stack has a database but no backup plan")];
    }
    const rules = backupRules(plan);
    return plans.map((p) => {
      const long = rules.filter((r) => r.plan === p.address && (deleteAfter(r.body.lifecycle) ?? 0) >= THREE_YEARS_DAYS);
      if (!long.length) return nonCompliant(p.address, `no rule keeps recovery points ${THREE_YEARS_DAYS} days`, "rule");
      const copied = long.some((r) => blockInstances(r.body.copy_action).some((c) => (deleteAfter(c.lifecycle) ?? 0) >= THREE_YEARS_DAYS));
      return copied ? compliant(p.address) : judge(p.address, [`rule ${long[0].name} does not keep its DR copies ${THREE_YEARS_DAYS} days`]);
    });
  },
};
