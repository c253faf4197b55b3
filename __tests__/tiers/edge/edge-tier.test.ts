import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { EdgeTier } from "../../../src/tiers/edge/edge-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { resources } from "../../helpers";
import { environment, synthTiers } from "../../support/tiers";

function build(name: "dev" | "prod") {
  const held: { edge?: EdgeTier } = {};
  const json = synthTiers(name, (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    held.edge = new EdgeTier(scope, "edge", { context, config, network });
  });
  return { json, edge: held.edge as EdgeTier };
}

describe("EdgeTier", () => {
  const { json, edge } = build("prod");
  const thresholds = environment("prod").observability.thresholds;

  it("alarms on the p99 latency at the load balancer", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "notes-prod-p99-latency",
      metric_name: "TargetResponseTime",
      extended_statistic: "p99",
      threshold: thresholds.p99LatencySeconds,
    });
  });

  it("alarms on a spike of WAF blocks", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "notes-prod-waf-blocked",
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      dimensions: { WebACL: expect.stringMatching(/^\$\{aws_wafv2_web_acl\./), Rule: "ALL", Region: "eu-central-1" },
    });
  });

  it("sends its alarms to the alarm topic", () => {
    for (const alarm of resources(json, "aws_cloudwatch_metric_alarm")) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_/)]);
    }
  });

  it("defines the 5xx metric on the load balancer", () => {
    expect(edge.metric5xx()).toMatchObject({ namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", stat: "Sum" });
    expect(Object.keys(edge.metric5xx().dimensions ?? {})).toEqual(["LoadBalancer"]);
  });

  it("defines the latency metric at any percentile", () => {
    expect(edge.metricLatency("p90")).toMatchObject({ metricName: "TargetResponseTime", stat: "p90" });
  });

  it("reports unhealthy hosts per target group: both where releases shift traffic", () => {
    expect(edge.metricUnhealthyHosts().map((m) => Object.keys(m.dimensions ?? {}))).toEqual(
      edge.loadBalancer.targetGroups.map(() => ["LoadBalancer", "TargetGroup"]),
    );
    expect(edge.metricUnhealthyHosts()).toHaveLength(environment("prod").app.deploymentStrategy === "ROLLING" ? 1 : 2);
  });

  it("contributes requests, latency and WAF graphs and its alarms to the dashboard", () => {
    const section = edge.dashboardSection();
    expect(section.graphs.map((g) => g.title)).toEqual(["Requests and errors", "Latency", "WAF"]);
    expect(section.alarmArns).toHaveLength(2);
  });

  it("titles its dashboard section with the environment", () => {
    expect(edge.dashboardSection().title).toBe("notes prod: edge");
  });
});
