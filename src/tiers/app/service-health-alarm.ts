import { Construct } from "constructs";
import { IResolvable } from "cdktf";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Naming } from "../../naming";
import { Metric, compositeAlarm, metricAlarm } from "../../shared/alarm";

export interface ServiceHealthAlarmProps {
  readonly naming: Naming;
  /** Requests the load balancer received (`loadBalancer.metricRequests()`). */
  readonly requests: Metric;
  /** Responses with a 5xx from the app (`loadBalancer.metricTarget5xx()`). */
  readonly errors: Metric;
  /**
   * Unhealthy targets of each of the service's target groups (blue and green): ELB reports them
   * per target group (`loadBalancer.metricUnhealthyHosts(tg)`).
   */
  readonly unhealthyHosts: Metric[];
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
  /**
   * Whether the actions run; a deployment watches the alarms' state either way.
   * @default true
   */
  readonly actionsEnabled?: boolean | IResolvable;
}

/**
 * "The service is unhealthy": the app's 5xx rate (metric math over all requests, so a quiet hour
 * with one error does not page) or unhealthy targets. ECS deployments roll back on the two metric
 * alarms themselves (`rollbackAlarms`); the composite only sums them up for people.
 */
export class ServiceHealthAlarm extends Construct {
  public readonly errorRate: CloudwatchMetricAlarm;
  public readonly unhealthyTargets: CloudwatchMetricAlarm;
  /** One "service unhealthy" state for the dashboard and on-call; never a rollback signal. */
  public readonly composite: CloudwatchCompositeAlarm;
  /**
   * What a deployment's `alarms.alarm_names` must name: AWS documents ECS deployment alarms as
   * metric alarms, and CloudWatch's DescribeAlarms returns composite alarms only when asked for them.
   */
  public readonly rollbackAlarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: ServiceHealthAlarmProps) {
    super(scope, id);
    const { naming } = props;
    const actions = props.actions ?? [];
    const actionsEnabled = props.actionsEnabled;
    const errorRatePercent = props.errorRatePercent ?? 5;
    // Deployments roll back on these: 2 of 3 minutes, quicker than the platform's 3 of 5.
    const evaluation = { periods: 3, datapoints: 2 };

    this.errorRate = metricAlarm(this, "error-rate", {
      name: naming.name("alarmName", "app-5xx-rate"),
      description: `More than ${errorRatePercent}% of requests get a 5xx from the app. Check the app's logs for errors and the latest deployment first.`,
      metric: {
        id: "rate",
        expression: "IF(requests > 0, 100 * errors / requests, 0)",
        label: "5xx rate (%)",
        using: { errors: props.errors, requests: props.requests },
      },
      threshold: errorRatePercent,
      evaluation,
      actions,
      actionsEnabled,
    });
    // Blue/green moves the tasks between target groups: count the unhealthy ones of all.
    this.unhealthyTargets = metricAlarm(this, "unhealthy-targets", {
      name: naming.name("alarmName", "app-unhealthy-targets"),
      description: "Tasks fail the load balancer's health check. Check the service's events and the tasks' stopped reasons.",
      metric: {
        id: "unhealthy",
        expression: props.unhealthyHosts.map((_, i) => `FILL(tg${i}, 0)`).join(" + "),
        label: "Unhealthy targets",
        using: Object.fromEntries(props.unhealthyHosts.map((metric, i) => [`tg${i}`, metric])),
      },
      threshold: 0,
      evaluation,
      actions,
      actionsEnabled,
    });
    this.composite = compositeAlarm(this, "unhealthy", {
      name: naming.name("alarmName", "service-unhealthy"),
      description: "The service is unhealthy: 5xx rate or unhealthy targets. A deployment running now rolls back on those two alarms.",
      anyOf: [this.errorRate, this.unhealthyTargets],
      actions,
      actionsEnabled,
    });
    this.rollbackAlarms = [this.errorRate, this.unhealthyTargets];
  }
}
