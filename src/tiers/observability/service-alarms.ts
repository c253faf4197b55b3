import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Naming } from "../../naming";

export interface ServiceAlarmThresholds {
  readonly p99LatencySeconds: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
  readonly wafBlockedPerMinute: number;
  readonly appErrorsPerMinute: number;
}

export interface ServiceAlarmsProps {
  readonly naming: Naming;
  readonly region: string;
  readonly loadBalancer: Lb;
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  /** The autoscaling maximum: running this many tasks means the peak is larger than planned. */
  readonly maxTasks: number;
  readonly webAcl: Wafv2WebAcl;
  readonly appLogGroup: CloudwatchLogGroup;
  /** Filter pattern that marks an application error in the app's logs. */
  readonly appErrorPattern: string;
  readonly thresholds: ServiceAlarmThresholds;
  /** Where ALARM and OK transitions go. */
  readonly actions: string[];
}

/** The edge's and the service's alarms: latency, saturation, missing tasks, a peak past plan, attacks, app errors. */
export class ServiceAlarms extends Construct {
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  /** Custom metrics of this environment live in this namespace. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { naming, thresholds: t } = props;
    this.namespace = naming.path("app");
    const lb = { LoadBalancer: props.loadBalancer.arnSuffix };
    const service = { ClusterName: props.cluster.name, ServiceName: props.service.name };

    const alarm = (id: string, description: string, config: Partial<CloudwatchMetricAlarmConfig>) => {
      const created = new CloudwatchMetricAlarm(this, id, {
        alarmName: naming.name("alarmName", id),
        alarmDescription: description,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        // A metric-math alarm sets its periods per query: Terraform refuses a period beside them.
        period: config.metricQuery ? undefined : 60,
        treatMissingData: "notBreaching",
        alarmActions: props.actions,
        okActions: props.actions,
        comparisonOperator: "GreaterThanThreshold",
        ...config,
      } as CloudwatchMetricAlarmConfig);
      this.alarms.push(created);
      return created;
    };

    alarm("p99-latency", `The slowest 1% of requests take over ${t.p99LatencySeconds}s. Check the database and Redis alarms, then the app's slowest-requests query.`, {
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: lb,
      extendedStatistic: "p99",
      threshold: t.p99LatencySeconds,
    });
    alarm("service-cpu", `The service's CPU is above ${t.cpuPercent}%. Check whether autoscaling is at its maximum and what the app is doing.`, {
      namespace: "AWS/ECS",
      metricName: "CPUUtilization",
      dimensions: service,
      statistic: "Average",
      threshold: t.cpuPercent,
    });
    alarm("service-memory", `The service's memory is above ${t.memoryPercent}%. Check for a leak (memory rising across deployments) before raising app.memoryMiB.`, {
      namespace: "AWS/ECS",
      metricName: "MemoryUtilization",
      dimensions: service,
      statistic: "Average",
      threshold: t.memoryPercent,
    });
    alarm("tasks-missing", "Fewer tasks run than desired. Check the service's events: failing health checks, image pull errors or no Fargate capacity.", {
      metricQuery: [
        { id: "desired", returnData: false, metric: { namespace: "ECS/ContainerInsights", metricName: "DesiredTaskCount", dimensions: service, period: 60, stat: "Maximum" } },
        { id: "running", returnData: false, metric: { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", dimensions: service, period: 60, stat: "Minimum" } },
        { id: "missing", expression: "desired - running", label: "Tasks missing", returnData: true },
      ],
      threshold: 0,
    });
    alarm("tasks-at-maximum", `The service runs its maximum of ${props.maxTasks} tasks: the peak is larger than planned. Raise app.maxTasks or check for runaway load.`, {
      namespace: "ECS/ContainerInsights",
      metricName: "RunningTaskCount",
      dimensions: service,
      statistic: "Maximum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: props.maxTasks,
    });
    alarm("waf-blocked", `WAF blocks over ${t.wafBlockedPerMinute} requests a minute. Run the WAF-blocks query: one client (attack) or one rule (false positive)?`, {
      namespace: "AWS/WAFV2",
      metricName: "BlockedRequests",
      dimensions: { WebACL: props.webAcl.name, Rule: "ALL", Region: props.region },
      statistic: "Sum",
      threshold: t.wafBlockedPerMinute,
    });

    const filter = new CloudwatchLogMetricFilter(this, "app-errors-filter", {
      name: naming.name("alarmName", "app-errors"),
      logGroupName: props.appLogGroup.name,
      pattern: props.appErrorPattern,
      metricTransformation: { name: "AppErrors", namespace: this.namespace, value: "1", defaultValue: "0", unit: "Count" },
    });
    alarm("app-errors", `The app logs over ${t.appErrorsPerMinute} errors a minute. Run the recent-app-errors query and check the latest deployment.`, {
      namespace: filter.metricTransformation.namespace,
      metricName: filter.metricTransformation.name,
      statistic: "Sum",
      threshold: t.appErrorsPerMinute,
    });
  }
}
