import { Construct } from "constructs";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { AppTier } from "../app/app-tier";
import { EdgeTier } from "../edge/edge-tier";
import { NetworkTier } from "../network/network-tier";
import { Dashboard, DashboardSection, DashboardWidget } from "./dashboard";
import { FailureEvents } from "./failure-events";
import { ManagedGrafana } from "./grafana-workspace";
import { LogQueries } from "./log-queries";

export interface ObservabilityTierProps {
  readonly context: PlatformContext;
  /** Whose log groups the saved queries read. */
  readonly network: NetworkTier;
  readonly edge: EdgeTier;
  /** Whose ECS events are watched. */
  readonly app: AppTier;
  /** The dashboard's sections, in order: what each tier contributes (`tier.dashboardSection()`). */
  readonly sections: DashboardSection[];
  /**
   * The Grafana workspace (observability.grafana); with PROMETHEUS among its data sources it reads
   * the app tier's Prometheus workspace.
   * @default no Grafana
   */
  readonly grafana?: EnvironmentConfig["observability"]["grafana"];
}

/**
 * What on-call looks at: failure events no metric shows, saved log queries, the dashboard the
 * tiers' sections make up, ending with the state of all their alarms, and where enabled a Grafana
 * workspace over the same metrics, traces and Prometheus metrics. The tiers own their alarms;
 * everything goes to the context's alarm topic.
 */
export class ObservabilityTier extends Construct {
  public readonly failureEvents: FailureEvents;
  public readonly logQueries: LogQueries;
  public readonly dashboard: Dashboard;
  /** Amazon Managed Grafana over the environment's data sources; only with `observability.grafana.enabled`. */
  public readonly grafana?: ManagedGrafana;

  constructor(scope: Construct, id: string, props: ObservabilityTierProps) {
    super(scope, id);
    const { context, sections } = props;
    const { naming } = context;
    this.failureEvents = new FailureEvents(this, "failure-events", { naming, service: props.app.service.service, topic: context.alarms.topic });
    this.logQueries = new LogQueries(this, "log-queries", {
      naming,
      appLogs: props.app.service.logGroup,
      wafLogs: props.edge.firewall.logGroup,
      flowLogs: props.network.network.flowLogGroup,
    });
    const widgets: DashboardWidget[] = [
      ...sections.flatMap((section): DashboardWidget[] => [{ type: "text", markdown: `## ${section.title}` }, ...section.graphs]),
      { type: "alarms", title: "Alarms", alarmArns: sections.flatMap((section) => section.alarmArns) },
    ];
    this.dashboard = new Dashboard(this, "dashboard", { name: naming.name("dashboard", "platform"), region: context.region, widgets });
    const grafana = props.grafana;
    this.grafana = grafana?.enabled
      ? new ManagedGrafana(this, "grafana", {
          naming,
          accountId: context.accountId,
          region: context.region,
          authentication: grafana.authentication,
          dataSources: grafana.dataSources,
          prometheusWorkspace: props.app.prometheus,
          saml: grafana.saml,
        })
      : undefined;
  }
}
