import { Block, Plan } from "../plan";
import { Rule, RuleResult, judge, notApplicable } from "../rule";

/** A year: what audits ask of security logs, and what prod's configuration promises (README, "Configuration"). */
const AUDIT_DAYS = 365;

/** Log groups that receive security logs: VPC flow logs, WAF logs, the CloudTrail trail. */
function auditGroups(plan: Plan): Block[] {
  const targets = [
    ...plan.resources("aws_flow_log").map((f) => f.body.log_destination),
    ...plan.resources("aws_wafv2_web_acl_logging_configuration").map((w) => w.body.log_destination_configs),
    ...plan.resources("aws_cloudtrail").map((t) => t.body.cloud_watch_logs_group_arn),
  ];
  const addresses = new Set(targets.flatMap((t) => plan.references(t)));
  return plan.resources("aws_cloudwatch_log_group").filter((g) => addresses.has(g.address));
}

export const NP_LOG_2: Rule = {
  id: "NP-LOG-2",
  level: "error",
  message: `In prod, security logs (flow, WAF, CloudTrail) are kept at least ${AUDIT_DAYS} days`,
  explanation: "An intrusion is often found months later; the network, firewall and API records must still be there to reconstruct it.",
  fix: `set the flow, WAF and audit log retention to ${AUDIT_DAYS} days or more in prod (network.flowLogRetentionDays, edge.wafLogRetentionDays, audit.logRetentionDays)`,
  check(plan: Plan): RuleResult[] {
    return auditGroups(plan).map((g) => {
      if (!plan.isProd) return notApplicable(g.address);
      const days = g.body.retention_in_days;
      return judge(g.address, [typeof days === "number" && days >= AUDIT_DAYS ? undefined : `retention_in_days is ${days ?? "unset"}`]);
    });
  },
};
