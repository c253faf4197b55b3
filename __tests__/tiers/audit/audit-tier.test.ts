import { AuditTier } from "../../../src/tiers/audit/audit-tier";
import { resources } from "../../helpers";
import { synthTiers } from "../../support/tiers";

describe("AuditTier", () => {
  const json = synthTiers("prod", (scope, context, config) => {
    new AuditTier(scope, "audit", { context, config: config.audit });
  });

  it("sends every CIS alarm to the alarm topic", () => {
    const alarms = resources(json, "aws_cloudwatch_metric_alarm");
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_/)]);
  });

  it("sends the trail to its CloudWatch Logs group, which the CIS alarms read", () => {
    const [trail] = resources(json, "aws_cloudtrail");
    expect(trail.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.audit_trail_/);
  });
});
