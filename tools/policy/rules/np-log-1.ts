import { Plan } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

/**
 * Days every production log group keeps its events at least: a year, what an auditor expects of
 * every log (app, database, cache, builds as much as flow, WAF and CloudTrail), and long enough to
 * reconstruct an incident found months later.
 */
export const PROD_MINIMUM_DAYS = 365;

export const NP_LOG_1: Rule = {
  id: "NP-LOG-1",
  level: "error",
  message: `Every log group has a retention: set in every environment, at least ${PROD_MINIMUM_DAYS} days in prod`,
  explanation:
    "Without retention_in_days a log group keeps (and bills) its events forever; prod keeps a year of every log, as auditors expect, to investigate an incident found months later.",
  fix: `set retention_in_days (the environment's logRetentionDays, or the group's own setting), at least ${PROD_MINIMUM_DAYS} in prod`,
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_cloudwatch_log_group").map((group) => {
      const days = group.body.retention_in_days;
      return judge(group.address, [
        typeof days !== "number" || days <= 0 ? "retention_in_days is not set (events kept forever)" : undefined,
        plan.isProd && typeof days === "number" && days > 0 && days < PROD_MINIMUM_DAYS ? `retention_in_days is ${days}` : undefined,
      ]);
    });
  },
};
