import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { EnvironmentConfig, StateConfig } from "../config/schema";
import { Backup } from "../tiers/data/backup";
import { Cache } from "../tiers/data/cache";
import { Database } from "../tiers/data/database";
import { EncryptionKey, logsKeyStatement } from "../shared/encryption-key";
import { AlarmTopic } from "../tiers/observability/alarm-topic";
import { AppScaling } from "../tiers/app/app-scaling";
import { Dashboard } from "../tiers/observability/dashboard";
import { DataAlarms } from "../tiers/data/data-alarms";
import { FailureEvents } from "../tiers/observability/failure-events";
import { LogQueries } from "../tiers/observability/log-queries";
import { ServiceAlarms } from "../tiers/observability/service-alarms";
import { APP_CONTAINER, AppService, ContainerSecret } from "../tiers/app/app-service";
import { AuditTrail } from "../tiers/audit/audit-trail";
import { ContainerRegistry } from "../tiers/app/container-registry";
import { DnsCertificate } from "../tiers/edge/dns-certificate";
import { LoadBalancer } from "../tiers/edge/load-balancer";
import { Network } from "../tiers/network/network";
import { ReleasePipeline } from "../tiers/delivery/release-pipeline";
import { ServiceHealthAlarm } from "../tiers/app/service-health-alarm";
import { WebFirewall } from "../tiers/edge/web-firewall";
import { WorkspacePolicy } from "../access/workspace-policy";
import { Naming } from "../naming";
import { accountProfile, remoteState } from "./state-names";

/** Everything one environment runs on; `cdktf deploy <environment>` applies it. */
export class EnvironmentStack extends TerraformStack {
  public readonly naming: Naming;
  public readonly workspace: WorkspacePolicy;
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
  /** Where every alarm and failure event goes. */
  public readonly alarms: AlarmTopic;
  public prometheus?: PrometheusWorkspace;
  public dashboard!: Dashboard;
  /** CloudTrail, the CIS alarms and GuardDuty; only where `audit.enabled`. */
  public audit?: AuditTrail;
  /** PostgreSQL (or Aurora): the app gets `database.endpoint` and `database.masterUserSecretArn`, never a password. */
  public readonly database: Database;
  /** Redis/Valkey for sessions and cache, IAM-authenticated. */
  public readonly cache: Cache;
  /** AWS Backup of the database, copied to the DR region. */
  public readonly backup: Backup;
  /** Releases the app from GitHub: test, image, scan gate, [approval], migration, deploy. */
  public pipeline!: ReleasePipeline;

  constructor(scope: Construct, config: EnvironmentConfig, state: StateConfig) {
    super(scope, config.name);
    const { name, accountId, region } = config;

    remoteState(this, state, `${name}.tfstate`);

    const tags = {
      Project: config.project,
      Environment: name,
      ManagedBy: "cdktf",
      Repository: `${config.repository.owner}/${config.repository.name}`,
    };
    const profile = accountProfile(this);
    this.provider = new AwsProvider(this, "aws", { region, allowedAccountIds: [accountId], defaultTags: [{ tags }], profile });
    this.drProvider = new AwsProvider(this, "aws-dr", {
      alias: "dr",
      region: config.drRegion,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags }],
      profile,
    });

    this.workspace = new WorkspacePolicy(this, "workspace", { environment: name, allowNonDefault: config.workspaces.allowNonDefault });
    this.naming = new Naming({
      project: config.project,
      environment: name,
      workspaceSuffix: this.workspace.nameSuffix,
      workspaceSuffixMaxLength: this.workspace.nameSuffixMaxLength,
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

    this.alarms = new AlarmTopic(this, "alarms", {
      naming: this.naming,
      region,
      accountId,
      emails: config.observability.alarmEmails,
      slack: config.observability.slack,
    });
    const protect = config.protectStatefulResources;
    // The data tier sits in the isolated subnets, reachable from the app's tasks only.
    const dataTier = {
      naming: this.naming,
      accountId,
      vpcId: this.network.vpc.id,
      subnets: this.network.isolatedSubnets,
      appSecurityGroup: this.appSecurityGroup,
      logsKey: this.logsKey.key,
      logRetentionDays: config.logRetentionDays,
      protect,
    };
    this.database = new Database(this, "database", { ...dataTier, settings: config.database });
    this.cache = new Cache(this, "cache", { ...dataTier, settings: config.cache });

    this.backup = new Backup(this, "backup", {
      naming: this.naming,
      accountId,
      settings: config.backup,
      drProvider: this.drProvider,
      resources: [this.database.arn],
      notificationsTopic: this.alarms.topic,
      protect,
    });

    this.buildAppTier(config);
    this.buildObservability(config);
    this.buildAudit(config);
    this.buildPipeline(config);

    new TerraformOutput(this, "vpc_id", { value: this.network.vpc.id });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnets.map((s) => s.id) });
    new TerraformOutput(this, "url", { value: `https://${config.dns.domain}` });
    new TerraformOutput(this, "ecr_repository_url", { value: this.registry.repository.repositoryUrl });
    new TerraformOutput(this, "database_endpoint", { value: this.database.endpoint });
    new TerraformOutput(this, "database_secret_arn", { value: this.database.masterUserSecretArn });
    new TerraformOutput(this, "cache_endpoint", { value: this.cache.endpoint });
    new TerraformOutput(this, "backup_dr_vault_arn", { value: this.backup.drVault.arn });
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
      databasePort: this.database.port,
      databaseSecretArn: this.database.masterUserSecretArn,
      databaseSecretKeyArn: this.database.kmsKey.arn,
      migrationEnvironment: { DATABASE_HOST: this.database.endpoint, DATABASE_NAME: this.database.databaseName },
      logsKey: this.logsKey.key,
      logRetentionDays: config.logRetentionDays,
      slack: pipeline.notifications.slack,
      alarmTopic: this.alarms,
      protect: config.protectStatefulResources,
    });
    this.database.allowFrom("migration", this.pipeline.migrationSecurityGroup, "release migrations");
  }

  /** DNS and TLS, the load balancer with WAF, the image registry and the app on Fargate. */
  private buildAppTier(config: EnvironmentConfig): void {
    const { naming } = this;
    const { app, edge, accountId, region } = config;
    const protect = config.protectStatefulResources;
    const blueGreen = app.deploymentStrategy === "BLUE_GREEN";

    // A workspace copy is served on <workspace>.<domain>: the environment keeps its own records.
    const host = (name: string) => `${this.workspace.hostPrefix}${name}`;
    this.dns = new DnsCertificate(this, "dns", {
      zoneName: config.dns.zone,
      createZone: config.dns.createZone,
      domain: host(config.dns.domain),
      alternativeNames: edge.alternativeNames.map(host),
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
      replicateTo: { region: config.drRegion, accountId, repositoryPrefix: naming.prefix, count: this.workspace.defaultWorkspaceOnly },
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

    this.serviceHealth = new ServiceHealthAlarm(this, "service-health", {
      naming,
      loadBalancer: this.loadBalancer.loadBalancer,
      targetGroups: [this.loadBalancer.targetGroup, ...(this.loadBalancer.alternateTargetGroup ? [this.loadBalancer.alternateTargetGroup] : [])],
      errorRatePercent: config.observability.thresholds.http5xxRatePercent,
      actions: [this.alarms.topic.arn],
    });
    const tracing = config.observability.tracing;
    this.prometheus = tracing.prometheus ? new PrometheusWorkspace(this, "prometheus", { alias: naming.name("tag", "metrics") }) : undefined;
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
      // Where the data tier is; credentials by reference only. The master secret rotates, so the
      // app reads it (DATABASE_SECRET_ARN) when it connects rather than once at start.
      environment: {
        ...app.environment,
        DATABASE_HOST: this.database.endpoint,
        DATABASE_PORT: String(this.database.port),
        DATABASE_NAME: this.database.databaseName,
        DATABASE_SECRET_ARN: this.database.masterUserSecretArn,
        REDIS_HOST: this.cache.endpoint,
        REDIS_PORT: String(this.cache.port),
        REDIS_USER: this.cache.userId,
        REDIS_TLS: "true",
      },
      secrets: this.containerSecrets(app.secrets),
      secretKeys: [this.database.kmsKey.arn],
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
      tracing: tracing.enabled
        ? { prometheus: this.prometheus && { workspaceArn: this.prometheus.arn, endpoint: this.prometheus.prometheusEndpoint } }
        : undefined,
    });
    this.app.allow("data-access", [
      { sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [this.database.masterUserSecretArn] },
      {
        sid: "DecryptDatabaseSecret",
        actions: ["kms:Decrypt"],
        resources: [this.database.kmsKey.arn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${region}.amazonaws.com`] }],
      },
      { sid: "ConnectToCache", actions: ["elasticache:Connect"], resources: [this.cache.arn, this.cache.userArn] },
    ]);
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
      targetGroups: [this.loadBalancer.targetGroup, ...(this.loadBalancer.alternateTargetGroup ? [this.loadBalancer.alternateTargetGroup] : [])],
      schedule: app.scaling.schedule,
    });
  }

  /** Alarms on the edge and the service, failure events, saved log queries and the dashboard. */
  private buildObservability(config: EnvironmentConfig): void {
    const { naming } = this;
    const { observability, region } = config;
    const alb = this.loadBalancer.loadBalancer;
    const service = { ClusterName: this.app.cluster.name, ServiceName: this.app.service.name };
    const serviceAlarms = new ServiceAlarms(this, "service-alarms", {
      naming,
      region,
      loadBalancer: alb,
      cluster: this.app.cluster,
      service: this.app.service,
      maxTasks: config.app.maxTasks,
      webAcl: this.firewall.webAcl,
      appLogGroup: this.app.logGroup,
      appErrorPattern: observability.appErrorPattern,
      thresholds: observability.thresholds,
      actions: [this.alarms.topic.arn],
    });
    const dataAlarms = new DataAlarms(this, "data-alarms", {
      naming,
      database: this.database,
      cache: this.cache,
      cacheNodes: 1 + config.cache.replicas,
      thresholds: observability.thresholds,
      actions: [this.alarms.topic.arn],
    });
    new FailureEvents(this, "failure-events", { naming, service: this.app.service, topic: this.alarms.topic });
    new LogQueries(this, "log-queries", {
      naming,
      appLogs: this.app.logGroup,
      wafLogs: this.firewall.logGroup,
      flowLogs: this.network.flowLogGroup,
    });

    const lb = { LoadBalancer: alb.arnSuffix };
    const elb = (metricName: string, stat: string, label?: string) => ({ namespace: "AWS/ApplicationELB", metricName, dimensions: lb, stat, label });
    const ecs = (metricName: string, stat: string) => ({ namespace: "AWS/ECS", metricName, dimensions: service, stat });
    const insights = (metricName: string, stat: string) => ({ namespace: "ECS/ContainerInsights", metricName, dimensions: service, stat });
    this.dashboard = new Dashboard(this, "dashboard", {
      name: naming.name("dashboard", "platform"),
      region,
      widgets: [
        { type: "text", markdown: `## ${config.project} ${config.name}: edge` },
        { type: "graph", title: "Requests and errors", metrics: [elb("RequestCount", "Sum", "requests"), elb("HTTPCode_Target_5XX_Count", "Sum", "app 5xx"), elb("HTTPCode_ELB_5XX_Count", "Sum", "ALB 5xx")] },
        { type: "graph", title: "Latency", metrics: [elb("TargetResponseTime", "p50", "p50"), elb("TargetResponseTime", "p90", "p90"), elb("TargetResponseTime", "p99", "p99")] },
        {
          type: "graph",
          title: "WAF",
          metrics: [
            { namespace: "AWS/WAFV2", metricName: "AllowedRequests", dimensions: { WebACL: this.firewall.webAcl.name, Rule: "ALL", Region: region }, stat: "Sum" },
            { namespace: "AWS/WAFV2", metricName: "BlockedRequests", dimensions: { WebACL: this.firewall.webAcl.name, Rule: "ALL", Region: region }, stat: "Sum" },
          ],
        },
        { type: "text", markdown: "## Service" },
        { type: "graph", title: "CPU and memory (%)", metrics: [ecs("CPUUtilization", "Average"), ecs("MemoryUtilization", "Average")] },
        { type: "graph", title: "Tasks: running vs desired", metrics: [insights("RunningTaskCount", "Average"), insights("DesiredTaskCount", "Average")] },
        { type: "graph", title: "App errors", metrics: [{ namespace: serviceAlarms.namespace, metricName: "AppErrors", stat: "Sum" }] },
        { type: "text", markdown: "## Database and Redis" },
        { type: "graph", title: "Database CPU (%)", metrics: [{ namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: dataAlarms.databaseDimensions, stat: "Average" }] },
        { type: "graph", title: "Database connections", metrics: [{ namespace: "AWS/RDS", metricName: "DatabaseConnections", dimensions: dataAlarms.databaseDimensions, stat: "Maximum" }] },
        {
          type: "graph",
          title: "Redis engine CPU and memory (%)",
          metrics: dataAlarms.cacheDimensions.flatMap((dimensions) => [
            { namespace: "AWS/ElastiCache", metricName: "EngineCPUUtilization", dimensions, stat: "Average" },
            { namespace: "AWS/ElastiCache", metricName: "DatabaseMemoryUsagePercentage", dimensions, stat: "Average" },
          ]),
        },
        {
          type: "alarms",
          title: "Alarms",
          alarmArns: [this.serviceHealth.composite.arn, ...serviceAlarms.alarms.map((a) => a.arn), ...dataAlarms.alarms.map((a) => a.arn)],
        },
      ],
    });
  }

  /** The account's audit trail, where the environment enables it. */
  private buildAudit(config: EnvironmentConfig): void {
    const { audit } = config;
    if (!audit.enabled) return;
    this.audit = new AuditTrail(this, "audit", {
      naming: this.naming,
      region: config.region,
      accountId: config.accountId,
      logsKey: this.logsKey.key,
      retentionDays: audit.retentionDays,
      archive: { days: audit.archiveAfterDays, storageClass: audit.archiveStorageClass },
      logRetentionDays: audit.logRetentionDays,
      guardDuty: audit.guardDuty ? { findingPublishingFrequency: audit.guardDutyFindingFrequency } : undefined,
      alarmTopicArn: this.alarms.topic.arn,
      protect: config.protectStatefulResources,
    });
  }

  /** The app's secrets as references: configured ARNs, or the secrets the platform itself creates. */
  private containerSecrets(secrets: EnvironmentConfig["app"]["secrets"]): ContainerSecret[] {
    return Object.entries(secrets).map(([name, ref]) => {
      // `platform: "database"` is the RDS-managed master secret (JSON: username, password).
      const arn = "platform" in ref ? this.database.masterUserSecretArn : ref.arn;
      const source = arn.startsWith("arn:aws:ssm:") ? "ssm" : "secretsmanager";
      const valueFrom = ref.jsonKey ? `${arn}:${ref.jsonKey}::` : arn;
      return { name, source, valueFrom, resourceArn: arn };
    });
  }

  /**
   * cdktf's preparation walks and resolves every resource once more, only to find references to
   * other stacks. Stacks here never reference each other (each is applied on its own), and the
   * backend is always configured, so that walk (about a fifth of the synth time) is skipped. A
   * reference to another stack would show as an undeclared resource in `npm run validate`.
   */
  public prepareStack(): void {}
}
