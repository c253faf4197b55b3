import { Construct } from "constructs";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { EnvironmentConfig, StateConfig } from "../config/schema";
import { EncryptionKey, logsKeyStatement } from "../constructs/encryption-key";
import { AppScaling } from "../constructs/app-scaling";
import { APP_CONTAINER, AppService, ContainerSecret } from "../constructs/app-service";
import { ContainerRegistry } from "../constructs/container-registry";
import { DnsCertificate } from "../constructs/dns-certificate";
import { LoadBalancer } from "../constructs/load-balancer";
import { Network } from "../constructs/network";
import { ReleasePipeline } from "../constructs/release-pipeline";
import { ServiceHealthAlarm } from "../constructs/service-health-alarm";
import { WebFirewall } from "../constructs/web-firewall";
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
  public dns!: DnsCertificate;
  public loadBalancer!: LoadBalancer;
  public firewall!: WebFirewall;
  public registry!: ContainerRegistry;
  public app!: AppService;
  public serviceHealth!: ServiceHealthAlarm;
  /** Releases the app from GitHub: test, image, scan gate, [approval], migration, deploy. */
  public pipeline!: ReleasePipeline;

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

    this.buildAppTier(config);
    this.buildPipeline(config);

    new TerraformOutput(this, "vpc_id", { value: this.network.vpc.id });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnets.map((s) => s.id) });
    new TerraformOutput(this, "url", { value: `https://${config.dns.domain}` });
    new TerraformOutput(this, "ecr_repository_url", { value: this.registry.repository.repositoryUrl });
    new TerraformOutput(this, "codestar_connection_arn", {
      value: this.pipeline.connection.arn,
      description: "Approve this GitHub connection once in the console (Developer Tools > Connections) before the first release",
    });
  }

  /**
   * The release pipeline. The data tier wires the migration to the database: it admits
   * `pipeline.migrationSecurityGroup` and passes its secret as `databaseSecretArn`.
   */
  private buildPipeline(config: EnvironmentConfig): void {
    const { pipeline } = config;
    this.pipeline = new ReleasePipeline(this, "pipeline", {
      naming: this.naming,
      region: config.region,
      accountId: config.accountId,
      repository: config.repository,
      branch: pipeline.branch ?? config.repository.branch,
      filePaths: pipeline.filePaths,
      requireApproval: pipeline.requireApproval,
      computeType: pipeline.computeType,
      cpuArchitecture: config.app.cpuArchitecture,
      imageScan: pipeline.imageScan,
      testCommand: pipeline.testCommand,
      testReportsDirectory: pipeline.testReportsDirectory,
      dockerContext: pipeline.dockerContext,
      migrationCommand: pipeline.migrationCommand,
      artifactRetentionDays: pipeline.artifactRetentionDays,
      ecrRepository: this.registry.repository,
      cluster: this.app.cluster,
      service: this.app.service,
      taskDefinition: this.app.taskDefinition,
      taskRole: this.app.taskRole,
      executionRole: this.app.executionRole,
      imageTagParameter: this.app.imageTag,
      containerName: APP_CONTAINER,
      vpcId: this.network.vpc.id,
      subnets: this.network.privateSubnets,
      databaseCidrs: this.network.isolatedSubnets.map((s) => s.cidrBlock),
      logsKey: this.logsKey.key,
      logRetentionDays: config.logRetentionDays,
      slack: pipeline.notifications.slack,
      protect: config.protectStatefulResources,
    });
  }

  /** DNS and TLS, the load balancer with WAF, the image registry and the app on Fargate. */
  private buildAppTier(config: EnvironmentConfig): void {
    const { naming } = this;
    const { app, edge, accountId, region } = config;
    const protect = config.protectStatefulResources;
    const blueGreen = app.deploymentStrategy === "BLUE_GREEN";

    this.dns = new DnsCertificate(this, "dns", {
      zoneName: config.dns.zone,
      createZone: config.dns.createZone,
      domain: config.dns.domain,
      alternativeNames: edge.alternativeNames,
      protect,
    });
    this.loadBalancer = new LoadBalancer(this, "load-balancer", {
      naming,
      region,
      accountId,
      vpc: this.network.vpc,
      subnets: this.network.publicSubnets,
      appSecurityGroup: this.appSecurityGroup,
      containerPort: app.containerPort,
      healthCheckPath: app.healthCheckPath,
      certificateArn: this.dns.certificateArn,
      sslPolicy: edge.sslPolicy,
      deregistrationDelaySeconds: edge.deregistrationDelaySeconds,
      accessLogExpirationDays: edge.accessLogExpirationDays,
      zoneId: this.dns.zoneId,
      names: this.dns.names,
      blueGreen,
      protect,
    });
    this.firewall = new WebFirewall(this, "waf", {
      naming,
      region,
      accountId,
      loadBalancer: this.loadBalancer.loadBalancer,
      rateLimit: edge.wafRateLimit,
      logsKey: this.logsKey.key,
      logRetentionDays: edge.wafLogRetentionDays,
    });

    const imagesKey = new EncryptionKey(this, "images-key", { naming, purpose: "images", accountId, protect });
    this.registry = new ContainerRegistry(this, "registry", {
      name: naming.name("ecrRepository", "app"),
      kmsKey: imagesKey.key,
      keepReleases: edge.keepReleases,
      replicateTo: { region: config.drRegion, accountId },
      protect,
    });

    // Outbound HTTPS from the tasks: AWS APIs (through endpoints or NAT) and the app's own calls.
    new VpcSecurityGroupEgressRule(this, "app-egress-https", {
      securityGroupId: this.appSecurityGroup.id,
      description: "HTTPS out",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    this.serviceHealth = new ServiceHealthAlarm(this, "service-health", { naming, loadBalancer: this.loadBalancer.loadBalancer });
    this.app = new AppService(this, "app", {
      naming,
      region,
      accountId,
      subnets: this.network.privateSubnets,
      securityGroup: this.appSecurityGroup,
      repository: this.registry.repository,
      logsKey: this.logsKey.key,
      logRetentionDays: config.logRetentionDays,
      cpu: app.cpu,
      memoryMiB: app.memoryMiB,
      cpuArchitecture: app.cpuArchitecture,
      containerPort: app.containerPort,
      healthCheckPath: app.healthCheckPath,
      desiredCount: app.minTasks,
      environment: app.environment,
      secrets: this.containerSecrets(app.secrets),
      scratchPath: app.scratchPath,
      targetGroup: this.loadBalancer.targetGroup,
      alternateTargetGroup: this.loadBalancer.alternateTargetGroup,
      productionRule: this.loadBalancer.productionRule,
      deploymentStrategy: app.deploymentStrategy,
      bakeTimeMinutes: app.bakeTimeMinutes,
      healthCheckGraceSeconds: app.healthCheckGraceSeconds,
      execEnabled: app.execEnabled,
      capacity: app.capacity,
      rollbackAlarmNames: [this.serviceHealth.composite.alarmName],
    });
    new AppScaling(this, "app-scaling", {
      naming,
      cluster: this.app.cluster,
      service: this.app.service,
      minTasks: app.minTasks,
      maxTasks: app.maxTasks,
      cpuTarget: app.scaling.cpuTarget,
      memoryTarget: app.scaling.memoryTarget,
      requestsPerTarget: app.scaling.requestsPerTarget,
      loadBalancer: this.loadBalancer.loadBalancer,
      targetGroup: this.loadBalancer.targetGroup,
      schedule: app.scaling.schedule,
    });
  }

  /** The app's secrets as references: configured ARNs, or secrets the platform itself creates. */
  private containerSecrets(secrets: EnvironmentConfig["app"]["secrets"]): ContainerSecret[] {
    return Object.entries(secrets).map(([name, ref]) => {
      if ("platform" in ref) {
        throw new Error(`${this.node.id}: app.secrets.${name} references the platform secret "${ref.platform}", which this stack does not create`);
      }
      const source = ref.arn.startsWith("arn:aws:ssm:") ? "ssm" : "secretsmanager";
      const valueFrom = ref.jsonKey ? `${ref.arn}:${ref.jsonKey}::` : ref.arn;
      return { name, source, valueFrom, resourceArn: ref.arn };
    });
  }
}
