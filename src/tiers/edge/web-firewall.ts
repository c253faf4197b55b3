import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Naming } from "../../naming";
import { Metric } from "../../shared/alarm";
import { hclBlocks } from "../../hcl";

/** AWS managed rule groups, in evaluation order after the rate limit: the IP lists first, they are cheapest. */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  // VPNs, Tor, proxies and hosting providers: clients that hide where they come from.
  "AWSManagedRulesAnonymousIpList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesSQLiRuleSet",
] as const;

export type ManagedRuleGroup = (typeof MANAGED_RULE_GROUPS)[number];

/**
 * Web ACL capacity units of each rule, as AWS WAF's developer guide lists them ("AWS Managed Rules
 * rule groups list": IP reputation 25, anonymous IP 50, core rule set 700, known bad inputs 200,
 * SQL database 200; "Rate-based rule statement": 2). A web ACL's first 1,500 WCU are included in
 * its price (WEB_ACL_INCLUDED_WCU).
 */
export const RULE_CAPACITY: Readonly<Record<ManagedRuleGroup | "rate-limit-per-ip", number>> = {
  "rate-limit-per-ip": 2,
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesAnonymousIpList: 50,
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
  AWSManagedRulesSQLiRuleSet: 200,
};

/** Capacity a web ACL uses without extra charge (and the default maximum of most accounts' quotas). */
export const WEB_ACL_INCLUDED_WCU = 1500;

/**
 * What the anonymous-IP rule group does with a match: `block`, or `count` to watch what it would
 * block (WAF's metrics and logs show the matches) before turning it on.
 */
export type AnonymousIpAction = "block" | "count";

export interface WebFirewallProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** The load balancer the web ACL protects. */
  readonly loadBalancer: Lb;
  /** Requests per 5 minutes from one client IP before it is blocked. */
  readonly rateLimit: number;
  /** Key for the WAF log group; its policy must admit CloudWatch Logs. */
  readonly logsKey: KmsKey;
  /** Days WAF logs are kept. */
  readonly logRetentionDays: number;
  /**
   * Block requests from anonymous IPs (AWSManagedRulesAnonymousIpList), or only count them.
   * @default "block"
   */
  readonly anonymousIpAction?: AnonymousIpAction;
}

/**
 * The `statement` of a WAF rule is typed `any` by the bindings, so its keys reach Terraform as
 * written (they must be snake_case) and cdktf 0.21 renders it as an attribute in HCL. This
 * subclass renders each rule's statement as the nested blocks Terraform expects.
 */
export class WebAcl extends Wafv2WebAcl {
  public toHclTerraform(): Record<string, unknown> {
    const hcl = super.toHclTerraform();
    const attributes = hcl.resource[this.terraformResourceType][this.friendlyUniqueId];
    for (const rule of attributes.rule?.value ?? []) {
      if (rule.statement) rule.statement = hclBlocks(rule.statement.value);
    }
    return hcl;
  }
}

export const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/**
 * A per-IP rate limit first, then the AWS managed rule groups: the rules of every web ACL here. The
 * anonymous-IP group blocks, or with `anonymousIpAction: "count"` has its matches counted only
 * (override_action count: the group's own block actions become count).
 */
export function webAclRules(rateLimit: number, anonymousIpAction: AnonymousIpAction = "block"): Wafv2WebAclRule[] {
  return [
    {
      name: "rate-limit-per-ip",
      priority: 0,
      action: { block: {} },
      statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: "IP" } },
      visibilityConfig: visibility("rate-limit-per-ip"),
    },
    ...MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group,
      priority: i + 1,
      overrideAction: group === "AWSManagedRulesAnonymousIpList" && anonymousIpAction === "count" ? { count: {} } : { none: {} },
      statement: { managed_rule_group_statement: { vendor_name: "AWS", name: group } },
      visibilityConfig: visibility(group),
    })),
  ];
}

export interface WebAclLoggingProps {
  /** @default the stack's default provider */
  readonly provider?: AwsProvider;
  readonly webAcl: Wafv2WebAcl;
  /** A log group whose name starts with aws-waf-logs-, in the web ACL's region. */
  readonly logGroup: CloudwatchLogGroup;
  readonly accountId: string;
  /** The web ACL's and log group's region. */
  readonly region: string;
  readonly policyName: string;
}

/**
 * WAF's logs into `logGroup`, in `scope` as ids `log-delivery`, `log-policy` and `logging`: the log
 * resource policy lets only this account's log delivery write there, and credentials are redacted.
 */
export function logWebAcl(scope: Construct, props: WebAclLoggingProps): void {
  const delivery = new DataAwsIamPolicyDocument(scope, "log-delivery", {
    statement: [
      {
        sid: "WafLogDelivery",
        principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`${props.logGroup.arn}:*`],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:logs:${props.region}:${props.accountId}:*`] },
        ],
      },
    ],
  });
  const policy = new CloudwatchLogResourcePolicy(scope, "log-policy", {
    provider: props.provider,
    policyName: props.policyName,
    policyDocument: delivery.json,
  });
  new Wafv2WebAclLoggingConfiguration(scope, "logging", {
    provider: props.provider,
    resourceArn: props.webAcl.arn,
    logDestinationConfigs: [props.logGroup.arn],
    // Credentials must not reach the logs.
    redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
    dependsOn: [policy],
  });
}

/** A WAFv2 web ACL on the load balancer: a per-IP rate limit and AWS managed rule groups, logged. */
export class WebFirewall extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly logGroup: CloudwatchLogGroup;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    this.region = props.region;
    const name = props.naming.name("wafName", "web");

    this.webAcl = new WebAcl(this, "acl", {
      name,
      description: "Rate limit and AWS managed rules in front of the app",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: webAclRules(props.rateLimit, props.anonymousIpAction),
      visibilityConfig: visibility(name),
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.loadBalancer.arn, webAclArn: this.webAcl.arn });

    // WAF only logs to log groups whose name starts with aws-waf-logs-.
    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `aws-waf-logs-${props.naming.name("logGroup", "web")}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });
    logWebAcl(this, {
      webAcl: this.webAcl,
      logGroup: this.logGroup,
      accountId: props.accountId,
      region: props.region,
      policyName: props.naming.name("iamPolicy", "waf-log-delivery"),
    });
  }

  private metric(metricName: string): Metric {
    return { namespace: "AWS/WAFV2", metricName, dimensions: { WebACL: this.webAcl.name, Rule: "ALL", Region: this.region }, stat: "Sum" };
  }

  /** Requests the web ACL let through. */
  public metricAllowed(): Metric {
    return this.metric("AllowedRequests");
  }

  /** Requests a rule blocked. */
  public metricBlocked(): Metric {
    return this.metric("BlockedRequests");
  }
}
