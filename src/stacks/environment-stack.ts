import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig, StateConfig } from "../config/schema";
import { PlatformContext, createPlatformContext } from "../context";
import { dnsRoleArn, dnsRoleName } from "../access/dns-record-writer";
import { AppTier } from "../tiers/app/app-tier";
import { AuditTier } from "../tiers/audit/audit-tier";
import { DataTier } from "../tiers/data/data-tier";
import { DeliveryTier } from "../tiers/delivery/delivery-tier";
import { EDGE_REGION } from "../tiers/edge/edge-firewall";
import { EdgeTier } from "../tiers/edge/edge-tier";
import { NetworkTier } from "../tiers/network/network-tier";
import { ObservabilityTier } from "../tiers/observability/observability-tier";
import { PlatformStack, platformTags } from "./platform-stack";

/**
 * Everything one environment runs on; `cdktf deploy <environment>` applies it. A table of contents
 * of tiers: each builds its resources, grants, alarms and dashboard section, and the later ones
 * take typed handles of the earlier ones.
 */
export class EnvironmentStack extends PlatformStack {
  /** Provider for the disaster-recovery region (backup copies, image replication). */
  public readonly drProvider: AwsProvider;
  /** Provider in the zone's account, through the environment's record-writer role (the dns stack). */
  public readonly dnsProvider: AwsProvider;
  /** Provider for us-east-1: CloudFront's certificate, web ACL, logs and metrics. */
  public readonly edgeProvider: AwsProvider;
  /** Naming, account, region, protection, the logs key and the alarm topic, shared by every tier. */
  public readonly context: PlatformContext;
  /** The VPC, and the app tasks' security group the tiers admit each other through. */
  public readonly network: NetworkTier;
  /** DNS and TLS, the load balancer and its web firewall; the static front end on CloudFront. */
  public readonly edge: EdgeTier;
  /** PostgreSQL (or Aurora) and Redis/Valkey in the isolated subnets, backed up to the DR region. */
  public readonly data: DataTier;
  /** The image registry and the app on Fargate, with its scaling and health alarms. */
  public readonly app: AppTier;
  /** Releases the app from GitHub: test, image, scan gate, [approval], migration, deploy; publishes the front end. */
  public readonly delivery: DeliveryTier;
  /** Failure events, saved log queries, the dashboard of every tier and (where enabled) Grafana. */
  public readonly observability: ObservabilityTier;
  /** CloudTrail, the CIS alarms and GuardDuty; only where `audit.enabled`. */
  public readonly audit?: AuditTier;

  constructor(scope: Construct, config: EnvironmentConfig, state: StateConfig) {
    super(scope, config.name, {
      backend: { remote: state, key: `${config.name}.tfstate` },
      region: config.region,
      accountId: config.accountId,
      tags: platformTags(config.project, config.name, `${config.repository.owner}/${config.repository.name}`),
    });
    this.drProvider = this.aliasedProvider("dr", config.drRegion);
    // Also where the environment's account holds the zone: one way to the zone, one set of limits.
    const dnsRole = dnsRoleArn(state.dns.accountId, config.project, config.name);
    this.dnsProvider = this.assumedRoleProvider("dns", config.region, state.dns.accountId, dnsRole, dnsRoleName(config.project, config.name));
    this.edgeProvider = this.aliasedProvider("edge", EDGE_REGION);
    this.context = createPlatformContext(this, config, this.drProvider, this.dnsProvider, this.edgeProvider);
    const { context } = this;

    this.network = new NetworkTier(this, "network", { context, config: config.network });
    this.edge = new EdgeTier(this, "edge", { context, config, network: this.network });
    this.data = new DataTier(this, "data", { context, config, network: this.network });
    this.app = new AppTier(this, "app", { context, config, network: this.network, edge: this.edge, data: this.data });
    this.delivery = new DeliveryTier(this, "delivery", {
      context,
      config,
      network: this.network,
      app: this.app,
      data: this.data,
      site: this.edge.frontend?.site,
    });
    this.observability = new ObservabilityTier(this, "observability", {
      context,
      network: this.network,
      edge: this.edge,
      app: this.app,
      sections: [this.edge.dashboardSection(), this.app.dashboardSection(), this.data.dashboardSection()],
      grafana: config.observability.grafana,
    });
    this.audit = config.audit.enabled ? new AuditTier(this, "audit", { context, config: config.audit }) : undefined;

    const { network } = this.network;
    const { database, cache, backup } = this.data;
    new TerraformOutput(this, "vpc_id", { value: network.vpc.id });
    new TerraformOutput(this, "private_subnet_ids", { value: network.privateSubnets.map((s) => s.id) });
    new TerraformOutput(this, "url", { value: `https://${config.dns.domain}` });
    const frontend = this.edge.frontend;
    if (frontend) {
      new TerraformOutput(this, "frontend_url", { value: frontend.url });
      new TerraformOutput(this, "frontend_bucket", { value: frontend.site.bucket.bucket.bucket });
      new TerraformOutput(this, "frontend_distribution_id", { value: frontend.site.distribution.id });
    }
    new TerraformOutput(this, "ecr_repository_url", { value: this.app.registry.repository.repositoryUrl });
    new TerraformOutput(this, "database_endpoint", { value: database.endpoint });
    new TerraformOutput(this, "database_secret_arn", { value: database.masterUserSecretArn });
    new TerraformOutput(this, "cache_endpoint", { value: cache.endpoint });
    new TerraformOutput(this, "backup_dr_vault_arn", { value: backup.drVault.arn });
    if (this.observability.grafana) {
      new TerraformOutput(this, "grafana_url", {
        value: `https://${this.observability.grafana.workspace.endpoint}`,
        description: "Grafana's sign-in page: IAM Identity Center or SAML users (docs/operations.md, Grafana)",
      });
    }
    new TerraformOutput(this, "codestar_connection_arn", {
      value: this.delivery.pipeline.connection.arn,
      description: "Approve this GitHub connection once in the console (Developer Tools > Connections) before the first release",
    });
  }
}
