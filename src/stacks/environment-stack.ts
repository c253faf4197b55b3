import { Construct } from "constructs";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { EnvironmentConfig, StateConfig } from "../config/schema";
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
      description: "The app's tasks",
      vpcId: this.network.vpc.id,
      lifecycle: { createBeforeDestroy: true },
    });

    new TerraformOutput(this, "vpc_id", { value: this.network.vpc.id });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnets.map((s) => s.id) });
  }
}
