import { Block, Plan, at, blockInstances } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

/** Managed rule groups a public web app needs at least: OWASP-style common rules and known bad inputs. */
const REQUIRED_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

function aclProblems(plan: Plan, acl: Block): string[] {
  const rules = blockInstances(acl.body.rule);
  const groups = rules.map((r) => at(r, "statement", "managed_rule_group_statement", "name")).filter((n): n is string => typeof n === "string");
  const logged = plan.resources("aws_wafv2_web_acl_logging_configuration").some((l) => plan.refersTo(l.body.resource_arn, acl.address));
  return [
    ...REQUIRED_GROUPS.filter((g) => !groups.includes(g)).map((g) => `${acl.address} lacks the managed rule group ${g}`),
    rules.some((r) => at(r, "statement", "rate_based_statement") !== undefined) ? "" : `${acl.address} has no rate-based rule`,
    logged ? "" : `${acl.address} has no logging configuration`,
  ].filter(Boolean);
}

export const NP_WAF_1: Rule = {
  id: "NP-WAF-1",
  level: "error",
  message: "Every internet-facing load balancer sits behind a logged web ACL with managed and rate-based rules",
  explanation:
    "The ALB forwards whatever reaches it; the WAF's managed rule groups stop common exploits and the rate rule a single client's flood, and its logs show what was stopped.",
  fix: "associate the tier's WebFirewall with the load balancer (aws_wafv2_web_acl_association) and keep its managed groups, rate rule and logging",
  check(plan: Plan): RuleResult[] {
    return plan
      .resources("aws_lb")
      .filter((lb) => lb.body.internal !== true && (lb.body.load_balancer_type ?? "application") === "application")
      .map((lb) => {
        const association = plan.resources("aws_wafv2_web_acl_association").find((a) => plan.refersTo(a.body.resource_arn, lb.address));
        if (!association) return judge(lb.address, ["no aws_wafv2_web_acl_association protects it"]);
        const acl = plan
          .references(association.body.web_acl_arn)
          .map((a) => plan.block(a))
          .find((b) => b?.type === "aws_wafv2_web_acl");
        return judge(lb.address, acl ? aclProblems(plan, acl) : ["its web ACL is not declared in the stack"]);
      });
  },
};
