import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Metric, compositeAlarm, metricAlarm } from "../../src/shared/alarm";
import { resources, synth } from "../helpers";

const TOPIC = "arn:aws:sns:eu-central-1:111111111111:alarms";
const cpu: Metric = { namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions: { ClusterName: "c" }, stat: "Average" };

describe("metricAlarm", () => {
  const json = synth((scope) => {
    metricAlarm(scope, "plain", { name: "plain", description: "d", metric: cpu, threshold: 80, actions: [TOPIC] });
    metricAlarm(scope, "percentile", { name: "percentile", description: "d", metric: { ...cpu, stat: "p99" }, threshold: 2, actions: [TOPIC] });
    metricAlarm(scope, "once", { name: "once", description: "d", metric: { ...cpu, period: 300 }, threshold: 1, evaluation: { periods: 1 }, actions: [TOPIC] });
    const a = metricAlarm(scope, "math", {
      name: "math",
      description: "d",
      metric: { id: "rate", expression: "100 * a / b", label: "rate", using: { a: cpu, b: { ...cpu, stat: "Sum" } } },
      threshold: 5,
      actions: [TOPIC],
    });
    compositeAlarm(scope, "any", { name: "any", description: "d", anyOf: [a, a], actions: [TOPIC] });
    metricAlarm(scope, "quiet", { name: "quiet", description: "d", metric: cpu, threshold: 80, actions: [TOPIC], actionsEnabled: false });
    compositeAlarm(scope, "quiet-any", { name: "quiet-any", description: "d", anyOf: [a], actions: [TOPIC], actionsEnabled: false });
  });
  const alarm = (name: string) => resources(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === name);

  it("alarms on 3 breaching minutes of 5 by default", () => {
    expect(alarm("plain")).toMatchObject({ period: 60, evaluation_periods: 5, datapoints_to_alarm: 3, comparison_operator: "GreaterThanThreshold" });
  });

  it("treats missing data as not breaching", () => {
    expect(alarm("plain").treat_missing_data).toBe("notBreaching");
  });

  it("sends both ALARM and OK to the actions", () => {
    expect(alarm("plain")).toMatchObject({ alarm_actions: [TOPIC], ok_actions: [TOPIC] });
  });

  it("leaves the actions enabled unless told", () => {
    expect(alarm("plain").actions_enabled).toBeUndefined();
    expect(alarm("quiet").actions_enabled).toBe(false);
  });

  it("passes the actions' switch to a composite too", () => {
    const composites = resources(json, "aws_cloudwatch_composite_alarm");
    expect(composites.map((c) => [c.alarm_name, c.actions_enabled])).toEqual([
      ["any", undefined],
      ["quiet-any", false],
    ]);
  });

  it("aggregates with the metric's statistic", () => {
    expect(alarm("plain")).toMatchObject({ statistic: "Average" });
  });

  it("aggregates a percentile as an extended statistic", () => {
    expect(alarm("percentile")).toMatchObject({ extended_statistic: "p99" });
    expect(alarm("percentile").statistic).toBeUndefined();
  });

  it("takes the metric's period and an evaluation without a datapoint count", () => {
    expect(alarm("once")).toMatchObject({ period: 300, evaluation_periods: 1 });
    expect(alarm("once").datapoints_to_alarm).toBeUndefined();
  });

  it("puts metric math in queries, with no period of its own", () => {
    expect(alarm("math").period).toBeUndefined();
    expect(alarm("math").metric_query.map((q: any) => [q.id, q.return_data, q.expression ?? q.metric.stat])).toEqual([
      ["a", false, "Average"],
      ["b", false, "Sum"],
      ["rate", true, "100 * a / b"],
    ]);
  });

  it("combines alarms into a composite in ALARM when any of them is", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_rule: "ALARM(${aws_cloudwatch_metric_alarm.math.alarm_name}) OR ALARM(${aws_cloudwatch_metric_alarm.math.alarm_name})",
      ok_actions: [TOPIC],
    });
  });
});
