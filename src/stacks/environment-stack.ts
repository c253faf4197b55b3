import { Construct } from "constructs";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { EnvironmentConfig, StateConfig } from "../config/schema";
import { AlertsTopic } from "../constructs/alerts-topic";
import { Backup } from "../constructs/backup";
import { Cache } from "../constructs/cache";
import { Database } from "../constructs/database";
import { EncryptionKey, logsKeyStatement } from "../constructs/encryption-key";
import { Network } from "../constructs/network";
import { WorkspacePolicy } from "../constructs/workspace-policy";
import { Naming } from "../naming";
import { stateNames } from "./state-names";

/** Everything one environment runs on; `cdktf deploy <environment>` applies it. */
export class EnvironmentStack extends TerraformStack {
  public readonly naming: Naming;
  public readonly provider: AwsProvider;
  /** Provider for the disaster-recovery region (backup copies, image replication). */
  public readonly drProvider: AwsProvider;
  public readonly logsKey: EncryptionKey;
  public readonly network: Network;
  /**
   * The app's tasks. Created here, with no rules, so that each tier adds the rules for its own
   * traffic (the load balancer's ingress, the database's and cache's) as separate rule resources.
   */
  public readonly appSecurityGroup: SecurityGroup;
  /** PostgreSQL (or Aurora): the app gets `database.endpoint` and `database.masterUserSecretArn`, never a password. */
  public readonly database: Database;
  /** Redis/Valkey for sessions and cache, IAM-authenticated. */
  public readonly cache: Cache;
  /** Operational alerts (failed backup jobs so far); observability publishes here too. */
  public readonly alerts: AlertsTopic;
  /** AWS Backup of the database, copied to the DR region. */
  public readonly backup: Backup;

  constructor(scope: Construct, config: EnvironmentConfig, state: StateConfig) {
    super(scope, config.name);
    const { name, accountId, region } = config;

    const names = stateNames(state);
    const backend = new S3Backend(this, {
      bucket: names.bucket,
      key: `${name}.tfstate`,
      // Non-default workspaces keep their state at workspaces/<workspace>/<name>.tfstate.
      workspaceKeyPrefix: "workspaces",
      region: state.region,
      encrypt: true,
      kmsKeyId: `arn:aws:kms:${state.region}:${state.accountId}:${names.keyAlias}`,
      ...(state.locking === "s3" ? {} : { dynamodbTable: names.lockTable }),
    });
    if (state.locking !== "dynamodb") backend.addOverride("use_lockfile", true);

    const tags = {
      Project: config.project,
      Environment: name,
      ManagedBy: "cdktf",
      Repository: `${config.repository.owner}/${config.repository.name}`,
    };
    this.provider = new AwsProvider(this, "aws", { region, allowedAccountIds: [accountId], defaultTags: [{ tags }] });
    this.drProvider = new AwsProvider(this, "aws-dr", {
      alias: "dr",
      region: config.drRegion,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags }],
    });

    const workspace = new WorkspacePolicy(this, "workspace", { environment: name, allowNonDefault: config.workspaces.allowNonDefault });
    this.naming = new Naming({
      project: config.project,
      environment: name,
      workspaceSuffix: workspace.nameSuffix,
      workspaceSuffixMaxLength: workspace.nameSuffixMaxLength,
    });

    this.logsKey = new EncryptionKey(this, "logs-key", {
      naming: this.naming,
      purpose: "logs",
      accountId,
      serviceStatements: [logsKeyStatement(region, accountId)],
      protect: config.protectStatefulResources,
    });

    this.network = new Network(this, "network", {
      naming: this.naming,
      region,
      accountId,
      cidr: config.network.cidr,
      azCount: config.network.azCount,
      subnetNewBits: config.network.subnetNewBits,
      natGateways: config.network.natGateways,
      interfaceEndpoints: config.network.interfaceEndpoints,
      logsKey: this.logsKey.key,
      flowLogRetentionDays: config.network.flowLogRetentionDays,
    });

    this.appSecurityGroup = new SecurityGroup(this, "app-sg", {
      name: this.naming.name("securityGroup", "app"),
      description: "The app tasks",
      vpcId: this.network.vpc.id,
      lifecycle: { createBeforeDestroy: true },
    });

    const protect = config.protectStatefulResources;
    this.database = new Database(this, "database", {
      naming: this.naming,
      accountId,
      settings: config.database,
      vpcId: this.network.vpc.id,
      subnets: this.network.isolatedSubnets,
      appSecurityGroup: this.appSecurityGroup,
      logsKey: this.logsKey.key,
      logRetentionDays: config.logRetentionDays,
      protect,
    });

    this.cache = new Cache(this, "cache", {
      naming: this.naming,
      accountId,
      settings: config.cache,
      vpcId: this.network.vpc.id,
      subnets: this.network.isolatedSubnets,
      appSecurityGroup: this.appSecurityGroup,
      logsKey: this.logsKey.key,
      logRetentionDays: config.logRetentionDays,
      protect,
    });

    // Observability adds its publishers (e.g. cloudwatch.amazonaws.com) to this list.
    this.alerts = new AlertsTopic(this, "alerts", { naming: this.naming, accountId, name: "alerts", publishers: ["backup.amazonaws.com"], protect });

    this.backup = new Backup(this, "backup", {
      naming: this.naming,
      accountId,
      settings: config.backup,
      drProvider: this.drProvider,
      resources: [this.database.arn],
      notificationsTopic: this.alerts.topic,
      protect,
    });

    new TerraformOutput(this, "vpc_id", { value: this.network.vpc.id });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnets.map((s) => s.id) });
    new TerraformOutput(this, "database_endpoint", { value: this.database.endpoint });
    new TerraformOutput(this, "database_secret_arn", { value: this.database.masterUserSecretArn });
    new TerraformOutput(this, "cache_endpoint", { value: this.cache.endpoint });
    new TerraformOutput(this, "backup_dr_vault_arn", { value: this.backup.drVault.arn });
  }
}
