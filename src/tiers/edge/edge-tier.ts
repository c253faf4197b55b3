import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { Metric, metricAlarm } from "../../shared/alarm";
import { shiftsTraffic } from "../app/deployment-configuration";
import { NetworkTier } from "../network/network-tier";
import { DashboardSection } from "../observability/dashboard";
import { DnsCertificate } from "./dns-certificate";
import { HostedZone } from "./hosted-zone";
import { LoadBalancer } from "./load-balancer";
import { WebFirewall } from "./web-firewall";

export interface EdgeTierProps {
  readonly context: PlatformContext;
  /** `dns` and `edge`; of `app`, the port, health check and deployment strategy the targets need; the alarm thresholds. */
  readonly config: Pick<EnvironmentConfig, "dns" | "edge" | "app" | "observability">;
  readonly network: NetworkTier;
}

/** What the internet reaches: DNS and TLS, the load balancer and its web firewall, with their alarms. */
export class EdgeTier extends Construct {
  public readonly dns: DnsCertificate;
  /** The platform's zone with the provider of its account: every record of the environment goes through it. */
  public readonly zone: HostedZone;
  public readonly loadBalancer: LoadBalancer;
  public readonly firewall: WebFirewall;
  public readonly alarms: CloudwatchMetricAlarm[];
  private readonly title: string;

  constructor(scope: Construct, id: string, props: EdgeTierProps) {
    super(scope, id);
    const { context, network } = props;
    const { dns, edge, app, observability } = props.config;
    const { naming, region, accountId, protect } = context;
    const thresholds = observability.thresholds;
    this.title = `${context.project} ${context.environment}: edge`;

    // A workspace copy is served on <workspace>.<domain>: the environment keeps its own records.
    const host = (name: string) => `${context.workspace.hostPrefix}${name}`;
    this.dns = new DnsCertificate(this, "dns", {
      zoneName: dns.zone,
      dnsProvider: context.dnsProvider,
      domain: host(dns.domain),
      alternativeNames: edge.alternativeNames.map(host),
    });
    this.zone = this.dns.zone;
    this.loadBalancer = new LoadBalancer(this, "load-balancer", {
      naming,
      region,
      accountId,
      vpc: network.network.vpc,
      subnets: network.network.publicSubnets,
      appSecurityGroup: network.appSecurityGroup,
      containerPort: app.containerPort,
      healthCheckPath: app.healthCheckPath,
      certificateArn: this.dns.certificateArn,
      sslPolicy: edge.sslPolicy,
      deregistrationDelaySeconds: edge.deregistrationDelaySeconds,
      accessLogExpirationDays: edge.accessLogExpirationDays,
      zone: this.dns.zone,
      names: this.dns.names,
      blueGreen: shiftsTraffic(app.deploymentStrategy),
      protect,
    });
    this.firewall = new WebFirewall(this, "waf", {
      naming,
      region,
      accountId,
      loadBalancer: this.loadBalancer.loadBalancer,
      rateLimit: edge.wafRateLimit,
      anonymousIpAction: edge.anonymousIpAction,
      logsKey: context.logsKey.key,
      logRetentionDays: edge.wafLogRetentionDays,
    });

    this.alarms = [
      metricAlarm(this, "p99-latency", {
        name: naming.name("alarmName", "p99-latency"),
        description: `The slowest 1% of requests take over ${thresholds.p99LatencySeconds}s. Check the database and Redis alarms, then the app's slowest-requests query.`,
        metric: this.metricLatency("p99"),
        threshold: thresholds.p99LatencySeconds,
        actions: context.alarmActions,
      }),
      metricAlarm(this, "waf-blocked", {
        name: naming.name("alarmName", "waf-blocked"),
        description: `WAF blocks over ${thresholds.wafBlockedPerMinute} requests a minute. Run the WAF-blocks query: one client (attack) or one rule (false positive)?`,
        metric: this.firewall.metricBlocked(),
        threshold: thresholds.wafBlockedPerMinute,
        actions: context.alarmActions,
      }),
    ];
  }

  /** Requests the load balancer received. */
  public metricRequests(): Metric {
    return this.loadBalancer.metricRequests();
  }

  /** Responses with a 5xx from the app. */
  public metric5xx(): Metric {
    return this.loadBalancer.metricTarget5xx();
  }

  /** How long the app takes to answer, at a percentile. */
  public metricLatency(percentile: `p${number}`): Metric {
    return this.loadBalancer.metricResponseTime(percentile);
  }

  /** Unhealthy targets of each of the service's target groups. */
  public metricUnhealthyHosts(): Metric[] {
    return this.loadBalancer.targetGroups.map((tg) => this.loadBalancer.metricUnhealthyHosts(tg));
  }

  /** Requests and errors, latency percentiles, WAF allowed and blocked. */
  public dashboardSection(): DashboardSection {
    return {
      title: this.title,
      graphs: [
        { type: "graph", title: "Requests and errors", metrics: [this.metricRequests(), this.metric5xx(), this.loadBalancer.metricElb5xx()] },
        { type: "graph", title: "Latency", metrics: [this.metricLatency("p50"), this.metricLatency("p90"), this.metricLatency("p99")] },
        { type: "graph", title: "WAF", metrics: [this.firewall.metricAllowed(), this.firewall.metricBlocked()] },
      ],
      alarmArns: this.alarms.map((a) => a.arn),
    };
  }
}
