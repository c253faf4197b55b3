import { environments } from "../../environments";
import { synthesizedStack } from "../support/synthesized";

/** Properties every environment stack must have, checked over the whole synthesized JSON. */
const stacks = Object.keys(environments).map((name) => [name, JSON.parse(synthesizedStack(name))] as const);
const all = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
const declared = (json: any, address: string) => {
  const [type, name] = address.split(".");
  return Boolean(json.resource?.[type]?.[name]);
};
/** Dimensions that name fixed things, not resources (an Aurora cluster's `Role`: WRITER or READER). */
const CONSTANT_DIMENSIONS = new Set(["Rule", "Region", "Role"]);

describe.each(stacks)("%s observability", (_name, json) => {
  it("gives every alarm both ALARM and OK actions", () => {
    for (const alarm of [...all(json, "aws_cloudwatch_metric_alarm"), ...all(json, "aws_cloudwatch_composite_alarm")]) {
      expect(alarm.alarm_actions?.length).toBeGreaterThan(0);
      expect(alarm.ok_actions?.length).toBeGreaterThan(0);
    }
  });

  it("gives every log group a retention and a KMS key", () => {
    for (const group of all(json, "aws_cloudwatch_log_group")) {
      expect(group.retention_in_days).toBeGreaterThan(0);
      expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    }
  });

  it("refers to resources, not literals, in every alarm dimension", () => {
    const dimensions = [
      ...all(json, "aws_cloudwatch_metric_alarm").map((a) => a.dimensions ?? {}),
      ...all(json, "aws_cloudwatch_metric_alarm").flatMap((a) => (a.metric_query ?? []).map((q: any) => q.metric?.dimensions ?? {})),
    ];
    for (const dims of dimensions) {
      for (const [key, value] of Object.entries<string>(dims)) {
        if (!CONSTANT_DIMENSIONS.has(key)) expect(value).toMatch(/\$\{aws_[a-z0-9_]+\.[^.]+\.[a-z_]+\}/);
      }
    }
  });

  it("shows on the dashboard only metrics of resources in this stack", () => {
    const [dashboard] = all(json, "aws_cloudwatch_dashboard");
    const references = [
      ...dashboard.dashboard_body.matchAll(/"(?:LoadBalancer|ClusterName|ServiceName|WebACL|DBInstanceIdentifier|DBClusterIdentifier|CacheClusterId)", "?(?:\$\{)?(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\./g),
    ].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(8);
    for (const address of references) expect(declared(json, address)).toBe(true);
  });
});
