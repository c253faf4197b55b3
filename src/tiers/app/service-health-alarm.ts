import { Construct } from "constructs";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Naming } from "../../naming";

export interface ServiceHealthAlarmProps {
  readonly naming: Naming;
  readonly loadBalancer: Lb;
  /** The service's target groups (blue and green): ELB reports unhealthy hosts per target group. */
  readonly targetGroups: LbTargetGroup[];
  /**
   * Share of requests (%) answered with a 5xx by the app above which the service is unhealthy.
   * @default 5
   */
  readonly errorRatePercent?: number;
  /**
   * Where ALARM and OK transitions are sent.
   * @default none
   */
  readonly actions?: string[];
}

/**
 * "The service is unhealthy": the app's 5xx rate (metric math over all requests, so a quiet hour
 * with one error does not page) or unhealthy targets. ECS blue/green rolls back on it.
 */
export class ServiceHealthAlarm extends Construct {
  public readonly errorRate: CloudwatchMetricAlarm;
  public readonly unhealthyTargets: CloudwatchMetricAlarm;
  public readonly composite: CloudwatchCompositeAlarm;

  constructor(scope: Construct, id: string, props: ServiceHealthAlarmProps) {
    super(scope, id);
    const { naming } = props;
    const lb = { LoadBalancer: props.loadBalancer.arnSuffix };
    const actions = props.actions ?? [];
    const metric = (name: string, metricName: string, stat: string) => ({
      id: name,
      returnData: false,
      metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: lb, period: 60, stat },
    });

    this.errorRate = new CloudwatchMetricAlarm(this, "error-rate", {
      alarmName: naming.name("alarmName", "app-5xx-rate"),
      alarmDescription: `More than ${props.errorRatePercent ?? 5}% of requests get a 5xx from the app. Check the app's logs for errors and the latest deployment first.`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: props.errorRatePercent ?? 5,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      metricQuery: [
        metric("errors", "HTTPCode_Target_5XX_Count", "Sum"),
        metric("requests", "RequestCount", "Sum"),
        { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "5xx rate (%)", returnData: true },
      ],
      alarmActions: actions,
      okActions: actions,
    });
    this.unhealthyTargets = new CloudwatchMetricAlarm(this, "unhealthy-targets", {
      alarmName: naming.name("alarmName", "app-unhealthy-targets"),
      alarmDescription: "Tasks fail the load balancer's health check. Check the service's events and the tasks' stopped reasons.",
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      // Blue/green moves the tasks between target groups: count the unhealthy ones of all.
      metricQuery: [
        ...props.targetGroups.map((tg, i) => ({
          id: `tg${i}`,
          returnData: false,
          metric: {
            namespace: "AWS/ApplicationELB",
            metricName: "UnHealthyHostCount",
            dimensions: { ...lb, TargetGroup: tg.arnSuffix },
            period: 60,
            stat: "Maximum",
          },
        })),
        {
          id: "unhealthy",
          expression: props.targetGroups.map((_, i) => `FILL(tg${i}, 0)`).join(" + "),
          label: "Unhealthy targets",
          returnData: true,
        },
      ],
      alarmActions: actions,
      okActions: actions,
    });
    this.composite = new CloudwatchCompositeAlarm(this, "unhealthy", {
      alarmName: naming.name("alarmName", "service-unhealthy"),
      alarmDescription: "The service is unhealthy: 5xx rate or unhealthy targets. Deployments roll back on it.",
      alarmRule: `ALARM(${this.errorRate.alarmName}) OR ALARM(${this.unhealthyTargets.alarmName})`,
      alarmActions: actions,
      okActions: actions,
    });
  }
}
