import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { ServiceHealthAlarm } from "../../src/constructs/service-health-alarm";
import { naming, resources, synth } from "../helpers";

describe("ServiceHealthAlarm", () => {
  const json = synth((scope) => {
    new ServiceHealthAlarm(scope, "health", { naming, loadBalancer: new Lb(scope, "lb", {}), actions: ["arn:aws:sns:eu-central-1:111111111111:alarms"] });
  });

  it("alarms on the 5xx rate computed over all requests", () => {
    const [rate] = resources(json, "aws_cloudwatch_metric_alarm").filter((a) => a.metric_query);
    expect(rate.metric_query.map((q: any) => q.expression ?? q.metric.metric_name)).toEqual([
      "HTTPCode_Target_5XX_Count",
      "RequestCount",
      "IF(requests > 0, 100 * errors / requests, 0)",
    ]);
    expect(rate.threshold).toBe(5);
  });

  it("alarms on unhealthy targets", () => {
    expect(resources(json, "aws_cloudwatch_metric_alarm").map((a) => a.metric_name)).toContain("UnHealthyHostCount");
  });

  it("combines both into the composite alarm deployments roll back on", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_name: "notes-dev-service-unhealthy",
      alarm_rule: expect.stringMatching(/^ALARM\(\$\{aws_cloudwatch_metric_alarm\.health_error-rate_.*\) OR ALARM\(\$\{aws_cloudwatch_metric_alarm\.health_unhealthy-targets_/),
    });
  });

  it("sends both ALARM and OK to the actions, with a description saying what to check", () => {
    for (const alarm of [...resources(json, "aws_cloudwatch_metric_alarm"), ...resources(json, "aws_cloudwatch_composite_alarm")]) {
      expect(alarm.alarm_actions).toEqual(["arn:aws:sns:eu-central-1:111111111111:alarms"]);
      expect(alarm.ok_actions).toEqual(["arn:aws:sns:eu-central-1:111111111111:alarms"]);
      expect(alarm.alarm_description.length).toBeGreaterThan(40);
    }
  });
});
