import { Plan } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

/** Dashboard metric dimensions naming a resource, followed by its reference. */
const WIDGET_REFERENCE =
  /"(?:LoadBalancer|ClusterName|ServiceName|WebACL|DBInstanceIdentifier|DBClusterIdentifier|CacheClusterId)", "?(?:\$\{)?(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\./g;

export const NP_CW_3: Rule = {
  id: "NP-CW-3",
  level: "error",
  message: "Dashboards show only metrics of resources declared in the stack",
  explanation: "A widget on a resource that is not in the stack stays empty, and an empty graph in an incident reads as 'all quiet'.",
  fix: "build the widget from the owning tier's metric (defined once on the construct), not a copied name",
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_cloudwatch_dashboard").map((d) => {
      const body = typeof d.body.dashboard_body === "string" ? d.body.dashboard_body : "";
      const missing = [...new Set([...body.matchAll(WIDGET_REFERENCE)].map((m) => m[1]))].filter((address) => !plan.block(address));
      return judge(
        d.address,
        missing.map((address) => `a widget refers to ${address}, which the stack does not declare`),
      );
    });
  },
};
