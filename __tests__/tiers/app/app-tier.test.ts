import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AppTier } from "../../../src/tiers/app/app-tier";
import { DataTier } from "../../../src/tiers/data/data-tier";
import { EdgeTier } from "../../../src/tiers/edge/edge-tier";
import { NetworkTier } from "../../../src/tiers/network/network-tier";
import { parsed, resources } from "../../helpers";
import { environment, synthTiers } from "../../support/tiers";

describe("AppTier", () => {
  const held: { app?: AppTier } = {};
  const json = synthTiers("prod", (scope, context, config) => {
    const network = new NetworkTier(scope, "network", { context, config: config.network });
    const edge = new EdgeTier(scope, "edge", { context, config, network });
    const data = new DataTier(scope, "data", { context, config, network });
    held.app = new AppTier(scope, "app", { context, config, network, edge, data });
  });
  const app = held.app as AppTier;
  const env = environment("prod");
  const alarm = (suffix: string) => resources(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === `notes-prod-${suffix}`);

  describe("before the first release", () => {
    const alarms = [...resources(json, "aws_cloudwatch_metric_alarm"), ...resources(json, "aws_cloudwatch_composite_alarm")];
    const [tag] = Object.keys(parsed(json).resource.aws_ssm_parameter);
    const released = `\${(aws_ssm_parameter.${tag}.insecure_value != "initial")}`;
    const quiet = new Set(app.quietUntilReleased.map((a) => a.friendlyUniqueId));
    const logicalIds = (type: string) => Object.keys(parsed(json).resource[type] ?? {});
    const ids = [...logicalIds("aws_cloudwatch_metric_alarm"), ...logicalIds("aws_cloudwatch_composite_alarm")];

    it("keeps the actions of every alarm on the running app off until released, the rollback alarms included", () => {
      const names = alarms.filter((_, i) => quiet.has(ids[i])).map((a) => a.alarm_name.replace("notes-prod-", ""));
      expect(names.sort()).toEqual(
        [
          "app-5xx-rate",
          "app-errors",
          "app-unhealthy-targets",
          "service-cpu",
          "service-memory",
          "service-unhealthy",
          "tasks-at-maximum",
          "tasks-missing",
        ].sort(),
      );
      expect(alarms.filter((_, i) => quiet.has(ids[i])).every((a) => a.actions_enabled === released)).toBe(true);
    });

    it("leaves the edge's and the data tier's alarms on from the start", () => {
      const others = alarms.filter((_, i) => !quiet.has(ids[i]));
      expect(others.map((a) => a.alarm_name)).toEqual(expect.arrayContaining(["notes-prod-p99-latency", "notes-prod-database-cpu"]));
      expect(others.filter((a) => a.actions_enabled !== undefined)).toEqual([]);
    });

    it("holds the service and its scaling at 0 tasks until released", () => {
      const [service] = resources(json, "aws_ecs_service");
      const [target] = resources(json, "aws_appautoscaling_target").filter((t) => t.service_namespace === "ecs");
      const count = (n: number) => `\${${released.slice(2, -1)} ? ${n} : 0}`;
      expect([service.desired_count, target.min_capacity, target.max_capacity]).toEqual([
        count(env.app.minTasks),
        count(env.app.minTasks),
        count(env.app.maxTasks),
      ]);
    });
  });

  it("grants its task role what the data tier's clients need", () => {
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: "data-access", role: expect.stringMatching(/^\$\{aws_iam_role\.app_service_task-role_/) });
  });

  it("tells the app where the data tier is", () => {
    const [task] = resources(json, "aws_ecs_task_definition");
    for (const variable of ["DATABASE_HOST", "DATABASE_SECRET_ARN", "REDIS_HOST", "REDIS_USER"]) expect(task.container_definitions).toContain(variable);
  });

  it("rolls deployments back on the service-health metric alarms themselves, which ECS evaluates", () => {
    const [service] = resources(json, "aws_ecs_service");
    expect(service.alarms).toMatchObject({
      alarm_names: [
        expect.stringMatching(/^\$\{aws_cloudwatch_metric_alarm\.app_health_error-rate_.*\.alarm_name\}$/),
        expect.stringMatching(/^\$\{aws_cloudwatch_metric_alarm\.app_health_unhealthy-targets_.*\.alarm_name\}$/),
      ],
      enable: true,
      rollback: true,
    });
  });

  it("never names a composite alarm as a rollback signal", () => {
    const [service] = resources(json, "aws_ecs_service");
    expect(JSON.stringify(service.alarms)).not.toContain("aws_cloudwatch_composite_alarm");
  });

  it("alarms on the service's CPU and memory", () => {
    expect(alarm("service-cpu")).toMatchObject({ namespace: "AWS/ECS", metric_name: "CPUUtilization", threshold: env.observability.thresholds.cpuPercent });
    expect(alarm("service-memory")).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "MemoryUtilization",
      threshold: env.observability.thresholds.memoryPercent,
    });
  });

  it("alarms when fewer tasks run than desired (metric math: no period of its own)", () => {
    expect(alarm("tasks-missing").period).toBeUndefined();
    expect(alarm("tasks-missing").metric_query.map((q: any) => q.expression ?? q.metric.metric_name)).toEqual([
      "DesiredTaskCount",
      "RunningTaskCount",
      "desired - running",
    ]);
  });

  it("alarms when autoscaling sets the service to its maximum, counting desired tasks (a blue/green deployment runs twice the tasks)", () => {
    expect(alarm("tasks-at-maximum")).toMatchObject({
      namespace: "ECS/ContainerInsights",
      metric_name: "DesiredTaskCount",
      statistic: "Minimum",
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: env.app.maxTasks,
    });
  });

  it("counts app errors from its plain-text and its JSON log lines into one metric", () => {
    const metric = { name: "AppErrors", namespace: "notes/prod/app", value: "1", default_value: "0", unit: "Count" };
    expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { pattern: env.observability.appErrorPattern, metric_transformation: metric });
    expect(json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { pattern: env.observability.appErrorJsonPattern, metric_transformation: metric });
  });

  describe("the default error patterns, on the app's real log lines", () => {
    const filters = resources(json, "aws_cloudwatch_log_metric_filter") as { pattern: string }[];
    // CloudWatch's regex subset (between %, no groups) reads as JavaScript's here.
    const text = new RegExp(filters.find((f) => f.pattern === env.observability.appErrorPattern)!.pattern.replace(/^%|%$/g, ""));
    const levels = [...env.observability.appErrorJsonPattern.matchAll(/\$\.level = %([^%]+)%/g)].map((m) => new RegExp(m[1]));
    const jsonLine = (line: string) => line.startsWith("{") && levels.some((level) => level.test(JSON.parse(line).level));
    const counted = (line: string) => Number(text.test(line)) + Number(jsonLine(line));

    it.each(["2026-12-02T10:00:00Z ERROR db down", "error: connect ECONNREFUSED", "Error: boom", "java.lang.IllegalStateException: x"])(
      "counts the plain-text line %j once",
      (line) => {
        expect(counted(line)).toBe(1);
      },
    );

    it.each(['{"level":"error","msg":"db down"}', '{"level":"ERROR","msg":"x"}', '{"level":"fatal","msg":"x"}'])("counts the JSON line %j once", (line) => {
      expect(counted(line)).toBe(1);
    });

    it.each(['{"level":"info","msg":"no error here"}', "GET /health 200", '{"level":"warn","msg":"retrying"}'])("does not count %j", (line) => {
      expect(counted(line)).toBe(0);
    });
  });

  it("alarms on app errors with the filter's own metric", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "notes-prod-app-errors",
      namespace: expect.stringMatching(/^\$\{aws_cloudwatch_log_metric_filter\..*metric_transformation\[0\]\.namespace\}$/),
      metric_name: expect.stringMatching(/metric_transformation\[0\]\.name\}$/),
    });
  });

  it("defines its CPU metric on the service", () => {
    expect(app.metricCpu()).toMatchObject({ namespace: "AWS/ECS", metricName: "CPUUtilization", stat: "Average" });
    expect(Object.keys(app.metricCpu().dimensions ?? {})).toEqual(["ClusterName", "ServiceName"]);
  });

  it("contributes service graphs and its alarms, the health composite first, to the dashboard", () => {
    const section = app.dashboardSection();
    expect(section.graphs.map((g) => g.title)).toEqual(["CPU and memory (%)", "Tasks: running vs desired", "App errors"]);
    expect(app.alarms[0]).toBe(app.health.composite);
    expect(section.alarmArns).toHaveLength(6);
  });

  it("creates the Prometheus workspace only where tracing asks for it", () => {
    expect(Boolean(parsed(json).resource.aws_prometheus_workspace)).toBe(env.observability.tracing.prometheus);
  });
});
