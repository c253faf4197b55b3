import { TerraformStack, Testing } from "cdktf";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { RULE_CAPACITY, WEB_ACL_INCLUDED_WCU, WebFirewall } from "../../../src/tiers/edge/web-firewall";
import { naming, resources, synth } from "../../helpers";

const build = (scope: Construct) =>
  new WebFirewall(scope, "waf", {
    naming,
    region: "eu-central-1",
    accountId: "111111111111",
    loadBalancer: new Lb(scope, "lb", {}),
    rateLimit: 2000,
    logsKey: new KmsKey(scope, "key"),
    logRetentionDays: 365,
  });

describe("WebFirewall", () => {
  const json = synth(build);
  const rules = () => resources(json, "aws_wafv2_web_acl")[0].rule;

  it("rate-limits each client IP first", () => {
    expect(rules()[0]).toMatchObject({
      name: "rate-limit-per-ip",
      priority: 0,
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP" } },
    });
  });

  it("applies the AWS managed rule groups", () => {
    expect(
      rules()
        .slice(1)
        .map((r: any) => r.statement.managed_rule_group_statement.name),
    ).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesAnonymousIpList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesSQLiRuleSet",
    ]);
  });

  it("blocks anonymous proxies (VPNs, Tor, hosting providers) by default", () => {
    expect(rules().find((r: any) => r.name === "AWSManagedRulesAnonymousIpList")).toMatchObject({ override_action: { none: {} } });
  });

  it("only counts anonymous proxies in count mode, leaving every other group blocking", () => {
    const counting = synth((scope) => {
      new WebFirewall(scope, "waf", {
        naming,
        region: "eu-central-1",
        accountId: "111111111111",
        loadBalancer: new Lb(scope, "lb", {}),
        rateLimit: 2000,
        logsKey: new KmsKey(scope, "key"),
        logRetentionDays: 365,
        anonymousIpAction: "count",
      });
    });
    const overrides = Object.fromEntries(
      resources(counting, "aws_wafv2_web_acl")[0]
        .rule.slice(1)
        .map((r: any) => [r.name, Object.keys(r.override_action)[0]]),
    );
    expect(overrides).toEqual({
      AWSManagedRulesAmazonIpReputationList: "none",
      AWSManagedRulesAnonymousIpList: "count",
      AWSManagedRulesCommonRuleSet: "none",
      AWSManagedRulesKnownBadInputsRuleSet: "none",
      AWSManagedRulesSQLiRuleSet: "none",
    });
  });

  it("stays within the 1,500 capacity units a web ACL includes", () => {
    const used = rules().reduce((sum: number, r: any) => sum + RULE_CAPACITY[r.name as keyof typeof RULE_CAPACITY], 0);
    expect(used).toBe(1177);
    expect(used).toBeLessThanOrEqual(WEB_ACL_INCLUDED_WCU);
  });

  it("writes the untyped statements with Terraform (snake_case) names", () => {
    const keys = JSON.stringify(rules().map((r: any) => r.statement)).match(/"([A-Za-z_]+)":/g) ?? [];
    expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);
  });

  it("renders the statements as blocks in HCL", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    build(stack);
    expect(Testing.synthHcl(stack)).toContain('statement {\nmanaged_rule_group_statement {\nvendor_name = "AWS"');
  });

  it("is associated with the load balancer", () => {
    expect(json).toHaveResourceWithProperties(Wafv2WebAclAssociation, { resource_arn: "${aws_lb.lb.arn}" });
  });

  it("logs to an encrypted aws-waf-logs- group, redacting credentials", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "aws-waf-logs-notes-dev-web",
      retention_in_days: 365,
      kms_key_id: "${aws_kms_key.key.arn}",
    });
    expect(json).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
      redacted_fields: [{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }],
    });
  });
});
