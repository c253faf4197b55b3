import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Metric, MetricStat } from "../../../src/shared/alarm";
import { ServiceHealthAlarm } from "../../../src/tiers/app/service-health-alarm";
import { naming, resources, synth } from "../../helpers";

const elb = (lb: Lb, metricName: string, stat: MetricStat): Metric => ({
  namespace: "AWS/ApplicationELB",
  metricName,
  dimensions: { LoadBalancer: lb.arnSuffix },
  stat,
});

describe("ServiceHealthAlarm", () => {
  const held: { health?: ServiceHealthAlarm } = {};
  const json = synth((scope) => {
    const lb = new Lb(scope, "lb", {});
    held.health = new ServiceHealthAlarm(scope, "health", {
      naming,
      requests: elb(lb, "RequestCount", "Sum"),
      errors: elb(lb, "HTTPCode_Target_5XX_Count", "Sum"),
      unhealthyHosts: [new LbTargetGroup(scope, "blue", {}), new LbTargetGroup(scope, "green", {})].map((tg) => ({
        ...elb(lb, "UnHealthyHostCount", "Maximum"),
        dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: tg.arnSuffix },
      })),
      actions: ["arn:aws:sns:eu-central-1:111111111111:alarms"],
    });
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

  it("alarms on unhealthy targets of both target groups, which is how ELB reports them", () => {
    const unhealthy = resources(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name.endsWith("unhealthy-targets"));
    expect(unhealthy.metric_query.map((q: any) => q.expression ?? `${q.metric.metric_name} ${q.metric.dimensions.TargetGroup}`)).toEqual([
      "UnHealthyHostCount ${aws_lb_target_group.blue.arn_suffix}",
      "UnHealthyHostCount ${aws_lb_target_group.green.arn_suffix}",
      "FILL(tg0, 0) + FILL(tg1, 0)",
    ]);
    expect(unhealthy.period).toBeUndefined();
  });

  it("combines both into the composite alarm deployments roll back on", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_name: "notes-dev-service-unhealthy",
      alarm_rule: expect.stringMatching(
        /^ALARM\(\$\{aws_cloudwatch_metric_alarm\.health_error-rate_.*\) OR ALARM\(\$\{aws_cloudwatch_metric_alarm\.health_unhealthy-targets_/,
      ),
    });
  });

  it("offers ECS the two metric alarms as rollback signals, never the composite", () => {
    const health = held.health as ServiceHealthAlarm;
    expect(health.rollbackAlarms).toEqual([health.errorRate, health.unhealthyTargets]);
  });

  it("switches the actions of its three alarms as told", () => {
    const quiet = synth((scope) => {
      const lb = new Lb(scope, "lb", {});
      const metric = elb(lb, "RequestCount", "Sum");
      new ServiceHealthAlarm(scope, "health", { naming, requests: metric, errors: metric, unhealthyHosts: [metric], actionsEnabled: false });
    });
    const all = [...resources(quiet, "aws_cloudwatch_metric_alarm"), ...resources(quiet, "aws_cloudwatch_composite_alarm")];
    expect(all.map((a) => a.actions_enabled)).toEqual([false, false, false]);
    expect(resources(json, "aws_cloudwatch_metric_alarm").map((a) => a.actions_enabled)).toEqual([undefined, undefined]);
  });

  it("sends both ALARM and OK to the actions, with a description saying what to check", () => {
    for (const alarm of [...resources(json, "aws_cloudwatch_metric_alarm"), ...resources(json, "aws_cloudwatch_composite_alarm")]) {
      expect(alarm.alarm_actions).toEqual(["arn:aws:sns:eu-central-1:111111111111:alarms"]);
      expect(alarm.ok_actions).toEqual(["arn:aws:sns:eu-central-1:111111111111:alarms"]);
      expect(alarm.alarm_description.length).toBeGreaterThan(40);
    }
  });
});
