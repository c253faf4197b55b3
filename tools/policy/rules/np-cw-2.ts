import { Json, Plan, at, blockInstances, isObject } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

/** Dimensions that name fixed things, not resources. */
const CONSTANT_DIMENSIONS = new Set(["Rule", "Region"]);
const RESOURCE_REFERENCE = /\$\{aws_[a-z0-9_]+\.[^.]+\.[a-z_]+\}/;

export const NP_CW_2: Rule = {
  id: "NP-CW-2",
  level: "error",
  message: "Alarm dimensions refer to resources of the stack, never to literal names",
  explanation: "A literal dimension silently watches nothing once the resource is renamed or a workspace adds a suffix; a reference follows the resource.",
  fix: "build the dimension from the resource's typed handle (e.g. loadBalancer.arnSuffix), not a string",
  check(plan: Plan): RuleResult[] {
    return plan.resources("aws_cloudwatch_metric_alarm").map((a) => {
      const dimensions: Json[] = [a.body.dimensions ?? {}, ...blockInstances(a.body.metric_query).map((q) => at(q, "metric", "dimensions") ?? {})];
      const literal = dimensions
        .flatMap((d) => (isObject(d) ? Object.entries(d) : []))
        .filter(([key, value]) => !CONSTANT_DIMENSIONS.has(key) && !(typeof value === "string" && RESOURCE_REFERENCE.test(value)));
      return judge(
        a.address,
        literal.map(([key, value]) => `dimension ${key} is the literal ${JSON.stringify(value)}`),
      );
    });
  },
};
