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

  it("archives CloudTrail's log files under 128 KB too, in the trail's bucket and its DR copy, with a size filter that overrides S3's default minimum", () => {
    const rules = resources(json, "aws_s3_bucket_lifecycle_configuration").flatMap((l) => l.rule.filter((r: any) => r.id === "transition-objects"));
    expect(rules).toHaveLength(2);
    for (const rule of rules)
      expect(rule).toMatchObject({ filter: [{ object_size_greater_than: 1 }], transition: [{ days: 90, storage_class: "GLACIER_IR" }] });
  });

  it("sends the trail to its CloudWatch Logs group, which the CIS alarms read", () => {
    const [trail] = resources(json, "aws_cloudtrail");
    expect(trail.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.audit_trail_/);
  });
});
