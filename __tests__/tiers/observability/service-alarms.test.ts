import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { ServiceAlarms } from "../../../src/tiers/observability/service-alarms";
import { naming, resources, synth } from "../../helpers";

const TOPIC = "arn:aws:sns:eu-central-1:111111111111:alarms";

describe("ServiceAlarms", () => {
  const json = synth((scope) => {
    new ServiceAlarms(scope, "alarms", {
      naming,
      region: "eu-central-1",
      loadBalancer: new Lb(scope, "lb", {}),
      cluster: new EcsCluster(scope, "cluster", { name: "c" }),
      service: new EcsService(scope, "service", { name: "s" }),
      maxTasks: 12,
      webAcl: new Wafv2WebAcl(scope, "acl", { name: "a", scope: "REGIONAL", defaultAction: {}, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "a", sampledRequestsEnabled: true } }),
      appLogGroup: new CloudwatchLogGroup(scope, "logs", {}),
      appErrorPattern: "?ERROR ?Exception",
      thresholds: { p99LatencySeconds: 2, cpuPercent: 85, memoryPercent: 85, wafBlockedPerMinute: 100, appErrorsPerMinute: 10 },
      actions: [TOPIC],
    });
  });
  const alarms = resources(json, "aws_cloudwatch_metric_alarm");
  const byName = (suffix: string) => alarms.find((a) => a.alarm_name.endsWith(suffix));

  it("alarms on p99 latency at the load balancer", () => {
    expect(byName("p99-latency")).toMatchObject({ metric_name: "TargetResponseTime", extended_statistic: "p99", threshold: 2 });
  });

  it("alarms on the service's CPU and memory", () => {
    expect(byName("service-cpu")).toMatchObject({ namespace: "AWS/ECS", metric_name: "CPUUtilization", threshold: 85 });
    expect(byName("service-memory")).toMatchObject({ namespace: "AWS/ECS", metric_name: "MemoryUtilization", threshold: 85 });
  });

  it("alarms when fewer tasks run than desired (metric math: no period of its own)", () => {
    expect(byName("tasks-missing").period).toBeUndefined();
    expect(byName("tasks-missing").metric_query.map((q: any) => q.expression ?? q.metric.metric_name)).toEqual(["DesiredTaskCount", "RunningTaskCount", "desired - running"]);
  });

  it("alarms when the service runs at its autoscaling maximum", () => {
    expect(byName("tasks-at-maximum")).toMatchObject({ metric_name: "RunningTaskCount", comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 12 });
  });

  it("alarms on a spike of WAF blocks", () => {
    expect(byName("waf-blocked")).toMatchObject({ namespace: "AWS/WAFV2", metric_name: "BlockedRequests", dimensions: { WebACL: "${aws_wafv2_web_acl.acl.name}", Rule: "ALL" } });
  });

  it("counts app errors from its logs and alarms on them", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      log_group_name: "${aws_cloudwatch_log_group.logs.name}",
      pattern: "?ERROR ?Exception",
      metric_transformation: { name: "AppErrors", namespace: "notes/dev/app", value: "1", default_value: "0", unit: "Count" },
    });
    expect(byName("app-errors").metric_name).toMatch(/metric_transformation\[0\]\.name/);
  });

  it("sends ALARM and OK to the topic and says what to check", () => {
    expect(alarms).toHaveLength(7);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ alarm_actions: [TOPIC], ok_actions: [TOPIC] });
      expect(alarm.alarm_description).toMatch(/Check|check|Run/);
    }
  });
});
