import { Construct } from "constructs";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IResolvable, ITerraformDependable, TerraformProvider } from "cdktf";

/** How CloudWatch aggregates a metric: a statistic or a percentile such as `p99`. */
export type MetricStat = "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount" | `p${number}`;

/**
 * One CloudWatch metric, defined once by the construct that owns it (`database.metricCpu()`) and
 * used alike by its alarms and its dashboard graphs.
 */
export interface Metric {
  readonly namespace: string;
  readonly metricName: string;
  /** References to the resource (`lb.arnSuffix`), never literals of it. */
  readonly dimensions?: Record<string, string>;
  readonly stat: MetricStat;
  /**
   * Seconds per data point.
   * @default 60
   */
  readonly period?: number;
  /** Legend on a graph. */
  readonly label?: string;
}

/** Metric math: an expression over named metrics (`100 * errors / requests`). */
export interface MetricExpression {
  /** The result's query id. */
  readonly id: string;
  readonly expression: string;
  readonly label: string;
  /** The expression's variables. */
  readonly using: Record<string, Metric>;
}

export interface AlarmProps {
  /** The alarm's full name (`naming.name("alarmName", ...)`). */
  readonly name: string;
  /** What it means and what to check first: on-call reads this in the notification. */
  readonly description: string;
  readonly metric: Metric | MetricExpression;
  readonly threshold: number;
  /** @default "GreaterThanThreshold" */
  readonly comparison?: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
  /**
   * Periods looked at, and how many of them must breach.
   * @default 3 breaching of 5, so one noisy minute does not page
   */
  readonly evaluation?: { readonly periods: number; readonly datapoints?: number };
  /** Where ALARM and OK transitions go (the alarm topic); both, so a recovery is announced too. */
  readonly actions: string[];
  /**
   * Whether the actions run: the app's alarms wait for its first release (`AppService.released`),
   * so a new environment does not announce alarms on a service that runs nothing yet.
   * @default true
   */
  readonly actionsEnabled?: boolean | IResolvable;
  /**
   * What must exist first, e.g. the log metric filter that publishes the metric.
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Provider of the metric's region: an alarm watches metrics of its own region only (CloudFront
   * publishes to us-east-1).
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

const isStatistic = (stat: MetricStat): stat is Exclude<MetricStat, `p${number}`> => !/^p\d/.test(stat);

/** The metric as a metric-math query's `metric` block. */
function queryMetric(m: Metric) {
  return { namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, period: m.period ?? 60, stat: m.stat };
}

/**
 * The one way to alarm here. Missing data never breaches: no requests, no errors and no matching
 * event publish no data point, and that is the normal, OK state.
 */
export function metricAlarm(scope: Construct, id: string, props: AlarmProps): CloudwatchMetricAlarm {
  const evaluation = props.evaluation ?? { periods: 5, datapoints: 3 };
  const common = {
    alarmName: props.name,
    alarmDescription: props.description,
    comparisonOperator: props.comparison ?? "GreaterThanThreshold",
    threshold: props.threshold,
    evaluationPeriods: evaluation.periods,
    datapointsToAlarm: evaluation.datapoints,
    treatMissingData: "notBreaching",
    alarmActions: props.actions,
    okActions: props.actions,
    actionsEnabled: props.actionsEnabled,
    dependsOn: props.dependsOn,
    provider: props.provider,
  };
  const m = props.metric;
  if ("expression" in m) {
    // A metric-math alarm sets its periods per query: Terraform refuses a period beside them.
    return new CloudwatchMetricAlarm(scope, id, {
      ...common,
      metricQuery: [
        ...Object.entries(m.using).map(([name, metric]) => ({ id: name, returnData: false, metric: queryMetric(metric) })),
        { id: m.id, expression: m.expression, label: m.label, returnData: true },
      ],
    });
  }
  return new CloudwatchMetricAlarm(scope, id, {
    ...common,
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: m.dimensions,
    period: m.period ?? 60,
    ...(isStatistic(m.stat) ? { statistic: m.stat } : { extendedStatistic: m.stat }),
  });
}

export interface CompositeAlarmProps {
  readonly name: string;
  readonly description: string;
  /** In ALARM when any of these is. */
  readonly anyOf: CloudwatchMetricAlarm[];
  readonly actions: string[];
  /**
   * Whether the actions run (see `AlarmProps.actionsEnabled`).
   * @default true
   */
  readonly actionsEnabled?: boolean | IResolvable;
}

/** An alarm that is in ALARM when any of its alarms is: a summary for people, not for ECS deployments (they watch metric alarms). */
export function compositeAlarm(scope: Construct, id: string, props: CompositeAlarmProps): CloudwatchCompositeAlarm {
  return new CloudwatchCompositeAlarm(scope, id, {
    alarmName: props.name,
    alarmDescription: props.description,
    alarmRule: props.anyOf.map((a) => `ALARM(${a.alarmName})`).join(" OR "),
    alarmActions: props.actions,
    okActions: props.actions,
    actionsEnabled: props.actionsEnabled,
  });
}
