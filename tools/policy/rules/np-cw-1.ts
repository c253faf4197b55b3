import { Plan } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

export const NP_CW_1: Rule = {
  id: "NP-CW-1",
  level: "error",
  message: "Every alarm notifies someone when it fires and when it recovers",
  explanation: "An alarm without alarm_actions changes colour on a console nobody watches; without ok_actions the on-call never learns it is over.",
  fix: "give the alarm alarm_actions and ok_actions (the platform's alarm helper sends both to the alarm topic)",
  check(plan: Plan): RuleResult[] {
    return ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]
      .flatMap((type) => plan.resources(type))
      .map((a) => {
        const has = (key: string) => Array.isArray(a.body[key]) && (a.body[key] as unknown[]).length > 0;
        return judge(a.address, [has("alarm_actions") ? undefined : "no alarm_actions", has("ok_actions") ? undefined : "no ok_actions"]);
      });
  },
};
