import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { Metric, metricAlarm } from "../../shared/alarm";
import { AlarmTopic } from "../../shared/alarm-topic";
import { EncryptionKey, logsKeyStatement } from "../../shared/encryption-key";
import { shiftsTraffic } from "../app/deployment-configuration";
import { NetworkTier } from "../network/network-tier";
import { DashboardSection, GraphWidget } from "../observability/dashboard";
import { DnsCertificate } from "./dns-certificate";
import { EdgeCertificate } from "./edge-certificate";
import { EDGE_REGION, EdgeFirewall } from "./edge-firewall";
import { HostedZone } from "./hosted-zone";
import { LoadBalancer } from "./load-balancer";
import { EdgeMetric, StaticSite } from "./static-site";
import { WebFirewall } from "./web-firewall";

/** CloudFront's origin-facing addresses, as an AWS-managed prefix list of every region. */
export const CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";

export interface EdgeTierProps {
  readonly context: PlatformContext;
  /** `dns`, `edge` and `frontend`; of `app`, the port, health check and deployment strategy the targets need; the alarm thresholds and recipients. */
  readonly config: Pick<EnvironmentConfig, "dns" | "edge" | "app" | "observability" | "frontend">;
  readonly network: NetworkTier;
}

/** The static front end and what only it needs in us-east-1: its names, web ACL, logs key and alarm topic. */
export interface FrontEnd {
  readonly site: StaticSite;
  readonly certificate: EdgeCertificate;
  readonly firewall: EdgeFirewall;
  /** Encrypts the us-east-1 log groups (access and WAF logs): a log group takes keys of its own region only. */
  readonly logsKey: EncryptionKey;
  /** Where the distribution's alarms go: a topic in us-east-1, subscribed like the environment's alarm topic. */
  readonly alarmTopic: AlarmTopic;
  /** The front end's URL. */
  readonly url: string;
}

/**
 * What the internet reaches: DNS and TLS, the load balancer and its web firewall, with their
 * alarms; with `frontend.enabled`, the static front end on CloudFront (and, with
 * `frontend.apiPath`, the API behind it too).
 */
export class EdgeTier extends Construct {
  public readonly dns: DnsCertificate;
  /** The platform's zone with the provider of its account: every record of the environment goes through it. */
  public readonly zone: HostedZone;
  public readonly loadBalancer: LoadBalancer;
  public readonly firewall: WebFirewall;
  /** Only with `frontend.enabled`. */
  public readonly frontend?: FrontEnd;
  public readonly alarms: CloudwatchMetricAlarm[];
  private readonly title: string;

  constructor(scope: Construct, id: string, props: EdgeTierProps) {
    super(scope, id);
    const { context, network } = props;
    const { dns, edge, app, observability, frontend } = props.config;
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
    // With the API only behind the distribution, the load balancer admits CloudFront alone.
    const cloudfrontOnly = frontend.enabled && frontend.apiPath !== undefined && frontend.albExposure === "cloudfront-only";
    const origins = cloudfrontOnly ? new DataAwsEc2ManagedPrefixList(this, "cloudfront-origins", { name: CLOUDFRONT_ORIGIN_FACING }) : undefined;
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
      ingressPrefixListId: origins?.id,
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

    this.frontend = frontend.enabled ? this.buildFrontend(props, host) : undefined;

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

  /**
   * The front end: a us-east-1 logs key and alarm topic, the certificate (validated in the API's
   * zone), the CLOUDFRONT web ACL, the site and its alias records.
   */
  private buildFrontend(props: EdgeTierProps, host: (name: string) => string): FrontEnd {
    const { context } = props;
    const { frontend, observability, dns } = props.config;
    const { naming, accountId, protect } = context;
    const provider = context.edgeProvider;
    const logsKey = new EncryptionKey(this, "edge-logs-key", {
      naming,
      provider,
      purpose: "edge-logs",
      accountId,
      serviceStatements: [logsKeyStatement(EDGE_REGION, accountId)],
      protect,
    });
    const alarmTopic = new AlarmTopic(this, "edge-alarms", {
      naming,
      provider,
      part: "edge-alarms",
      region: EDGE_REGION,
      accountId,
      emails: observability.alarmEmails,
      slack: observability.slack,
    });
    const domain = host(frontend.domain);
    const certificate = new EdgeCertificate(this, "frontend-certificate", { provider, zone: this.zone, domain });
    const firewall = new EdgeFirewall(this, "frontend-waf", {
      naming,
      provider,
      accountId,
      rateLimit: frontend.wafRateLimit,
      // WAF logs are kept as the load balancer's are (a year in prod).
      logRetentionDays: props.config.edge.wafLogRetentionDays,
      logsKey: logsKey.key,
    });
    const site = new StaticSite(this, "frontend", {
      naming,
      provider,
      accountId,
      certificate,
      webAcl: firewall.webAcl,
      priceClass: frontend.priceClass,
      spaRouting: frontend.spaRouting,
      contentSecurityPolicy: frontend.contentSecurityPolicy,
      accessLogRetentionDays: frontend.accessLogRetentionDays,
      logsKey: logsKey.key,
      api: frontend.apiPath ? { pathPattern: frontend.apiPath, originDomain: host(dns.domain) } : undefined,
      protect,
      alarmTopic: alarmTopic.topic,
      errorRatePercent: observability.thresholds.frontend5xxRatePercent,
      originLatencyMs: observability.thresholds.frontendOriginLatencyMs,
    });
    certificate.aliasTo(site.distribution);
    return { site, certificate, firewall, logsKey, alarmTopic, url: `https://${domain}` };
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

  /** Requests and errors, latency percentiles, WAF allowed and blocked; the front end's 5xx rate and origin latency (us-east-1). */
  public dashboardSection(): DashboardSection {
    const site = this.frontend?.site;
    const edgeGraph = (title: string, m: EdgeMetric): GraphWidget => ({
      type: "graph",
      title,
      region: m.region,
      metrics: [{ namespace: m.namespace, metricName: m.metricName, dimensions: { ...m.dimensions }, stat: m.stat, period: m.period, label: m.label }],
    });
    return {
      title: this.title,
      graphs: [
        { type: "graph", title: "Requests and errors", metrics: [this.metricRequests(), this.metric5xx(), this.loadBalancer.metricElb5xx()] },
        { type: "graph", title: "Latency", metrics: [this.metricLatency("p50"), this.metricLatency("p90"), this.metricLatency("p99")] },
        { type: "graph", title: "WAF", metrics: [this.firewall.metricAllowed(), this.firewall.metricBlocked()] },
        ...(site ? [edgeGraph("Front end 5xx rate", site.metrics.errorRate5xx), edgeGraph("Front end origin latency", site.metrics.originLatency)] : []),
      ],
      alarmArns: [...this.alarms, ...(site?.alarms ?? [])].map((a) => a.arn),
    };
  }
}
