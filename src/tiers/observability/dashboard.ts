import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Metric } from "../../shared/alarm";

/** A graph of metrics over time. */
export interface GraphWidget {
  readonly type: "graph";
  readonly title: string;
  /** The metrics the owning constructs define (`database.metricCpu()`); graphs show one point a minute. */
  readonly metrics: Metric[];
  /** Width in grid columns (24 per row). */
  readonly width?: number;
  /**
   * Region the metrics are read in, e.g. us-east-1 for CloudFront's.
   * @default the dashboard's region
   */
  readonly region?: string;
}

/** The state of a set of alarms. */
export interface AlarmStatusWidget {
  readonly type: "alarms";
  readonly title: string;
  readonly alarmArns: string[];
}

/** A section heading. */
export interface TextWidget {
  readonly type: "text";
  readonly markdown: string;
}

export type DashboardWidget = GraphWidget | AlarmStatusWidget | TextWidget;

/** What a tier shows on the environment's dashboard: a titled section of graphs, and its alarms. */
export interface DashboardSection {
  readonly title: string;
  readonly graphs: GraphWidget[];
  /** The alarms on-call acts on, shown together in the dashboard's alarm widget. */
  readonly alarmArns: string[];
}

export interface DashboardProps {
  readonly name: string;
  readonly region: string;
  readonly widgets: DashboardWidget[];
}

const HEIGHT = 6;

/** Renders typed widgets into the CloudWatch dashboard body format, laid out left to right. */
export function dashboardBody(region: string, widgets: DashboardWidget[]): Record<string, unknown> {
  let x = 0;
  let y = 0;
  const placed = widgets.map((widget) => {
    const width = widget.type === "graph" ? (widget.width ?? 8) : 24;
    const height = widget.type === "text" ? 1 : HEIGHT;
    if (x + width > 24) {
      x = 0;
      y += HEIGHT;
    }
    const position = { x, y, width, height };
    x += width;
    if (x >= 24) {
      x = 0;
      y += height;
    }
    switch (widget.type) {
      case "text":
        return { type: "text", ...position, properties: { markdown: widget.markdown } };
      case "alarms":
        return { type: "alarm", ...position, properties: { title: widget.title, alarms: widget.alarmArns } };
      case "graph":
        return {
          type: "metric",
          ...position,
          properties: {
            title: widget.title,
            region: widget.region ?? region,
            view: "timeSeries",
            period: 60,
            metrics: widget.metrics.map((m) => [
              m.namespace,
              m.metricName,
              ...Object.entries(m.dimensions ?? {}).flat(),
              { stat: m.stat, ...(m.label ? { label: m.label } : {}) },
            ]),
          },
        };
    }
  });
  return { widgets: placed };
}

/** A CloudWatch dashboard whose body is generated from typed widget definitions. */
export class Dashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.name,
      dashboardBody: Fn.jsonencode(dashboardBody(props.region, props.widgets)),
    });
  }
}
