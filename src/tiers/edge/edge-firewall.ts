import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { AnonymousIpAction, WebAcl, logWebAcl, visibility, webAclRules } from "./web-firewall";
import { Naming } from "../../naming";

/** CloudFront web ACLs, and the log groups they write to, live in us-east-1. */
export const EDGE_REGION = "us-east-1";

export interface EdgeFirewallProps {
  readonly naming: Naming;
  /** An AWS provider for us-east-1: WAF takes CLOUDFRONT-scope web ACLs only there. */
  readonly provider: AwsProvider;
  readonly accountId: string;
  /** Requests per 5 minutes from one client IP before it is blocked. */
  readonly rateLimit: number;
  /** Days WAF logs are kept. */
  readonly logRetentionDays: number;
  /** Key for the WAF log group, in us-east-1 (a log group takes keys of its own region only); its policy must admit CloudWatch Logs there. */
  readonly logsKey: KmsKey;
  /**
   * Block requests from anonymous IPs (AWSManagedRulesAnonymousIpList), or only count them.
   * @default "block"
   */
  readonly anonymousIpAction?: AnonymousIpAction;
}

/**
 * A WAFv2 web ACL for CloudFront (scope CLOUDFRONT, in us-east-1): the same per-IP rate limit and
 * AWS managed rule groups as the load balancer's, logged with retention. The distribution takes
 * `webAcl` (its `web_acl_id` is the ACL's ARN).
 */
export class EdgeFirewall extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const provider = props.provider;
    const name = props.naming.name("wafName", "edge");

    this.webAcl = new WebAcl(this, "acl", {
      provider,
      name,
      description: "Rate limit and AWS managed rules in front of the static front end",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rule: webAclRules(props.rateLimit, props.anonymousIpAction),
      visibilityConfig: visibility(name),
    });

    // WAF only logs to log groups whose name starts with aws-waf-logs-, in the web ACL's region.
    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      provider,
      name: `aws-waf-logs-${props.naming.name("logGroup", "edge")}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });
    logWebAcl(this, {
      provider,
      webAcl: this.webAcl,
      logGroup: this.logGroup,
      accountId: props.accountId,
      region: EDGE_REGION,
      policyName: props.naming.name("iamPolicy", "edge-waf-log-delivery"),
    });
  }
}
