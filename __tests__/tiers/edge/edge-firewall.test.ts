import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { naming, resources, synth } from "../../helpers";
import { EdgeFirewall } from "../../../src/tiers/edge/edge-firewall";
import { MANAGED_RULE_GROUPS } from "../../../src/tiers/edge/web-firewall";
import { buildEdge, edgeProvider } from "./edge-fixtures";

describe("EdgeFirewall", () => {
  const json = synth((scope) => buildEdge(scope));
  const acl = () => resources(json, "aws_wafv2_web_acl")[0];

  it("is a CLOUDFRONT-scope web ACL in us-east-1", () => {
    expect(acl()).toMatchObject({ scope: "CLOUDFRONT", provider: "aws.edge", default_action: { allow: {} } });
  });

  it("rate-limits each IP first, then applies the managed rule groups shared with the load balancer's ACL", () => {
    expect(acl().rule[0]).toMatchObject({ name: "rate-limit-per-ip", statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP" } } });
    expect(
      acl()
        .rule.slice(1)
        .map((r: any) => r.statement.managed_rule_group_statement.name),
    ).toEqual([...MANAGED_RULE_GROUPS]);
  });

  it("switches the anonymous-IP rule group to count mode when asked", () => {
    const counting = synth((scope) => {
      new EdgeFirewall(scope, "waf", {
        naming,
        provider: edgeProvider(scope),
        accountId: "111111111111",
        rateLimit: 2000,
        logRetentionDays: 30,
        logsKey: new KmsKey(scope, "key", {}),
        anonymousIpAction: "count",
      });
    });
    const rule = resources(counting, "aws_wafv2_web_acl")[0].rule.find((r: any) => r.name === "AWSManagedRulesAnonymousIpList");
    expect(rule.override_action).toEqual({ count: {} });
  });

  it("logs to an aws-waf-logs- group with retention in us-east-1", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "aws-waf-logs-notes-dev-edge", retention_in_days: 30, provider: "aws.edge" });
    expect(json).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, { provider: "aws.edge" });
  });

  it("keeps credentials out of the logs", () => {
    expect(resources(json, "aws_wafv2_web_acl_logging_configuration")[0].redacted_fields).toEqual([
      { single_header: { name: "authorization" } },
      { single_header: { name: "cookie" } },
    ]);
  });
});
