import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { EnvironmentConfig } from "../../config/schema";
import { PlatformContext } from "../../context";
import { AlarmProps, Metric, metricAlarm } from "../../shared/alarm";
import { EncryptionKey } from "../../shared/encryption-key";
import { DataTier } from "../data/data-tier";
import { EdgeTier } from "../edge/edge-tier";
import { NetworkTier } from "../network/network-tier";
import { DashboardSection } from "../observability/dashboard";
import { AppScaling } from "./app-scaling";
import { AppService, ContainerSecret } from "./app-service";
import { ContainerRegistry } from "./container-registry";
import { ServiceHealthAlarm } from "./service-health-alarm";

export interface AppTierProps {
  readonly context: PlatformContext;
  /** `app`; of `edge`, how many releases the registry keeps; tracing, the error pattern and the alarm thresholds. */
  readonly config: Pick<EnvironmentConfig, "app" | "edge" | "observability">;
  readonly network: NetworkTier;
  /** Sends the app its traffic; its health is the service's. */
  readonly edge: EdgeTier;
  /** What the app connects to: the tier grants the app's task role its access. */
  readonly data: DataTier;
}

/**
 * The app on Fargate or EC2 hosts: its image registry, the service with its scaling, what it may reach, and
 * the alarms on its health (which blue/green deployments roll back on), saturation and errors.
 */
export class AppTier extends Construct {
  public readonly registry: ContainerRegistry;
  public readonly service: AppService;
  public readonly scaling: AppScaling;
  public readonly health: ServiceHealthAlarm;
  /** Where the collector writes the app's metrics; only with `observability.tracing.prometheus`. */
  public readonly prometheus?: PrometheusWorkspace;
  /** Counts the app's plain-text error log lines as a metric. */
  public readonly errorsFilter: CloudwatchLogMetricFilter;
  /** Counts the app's JSON error log lines into the same metric. */
  public readonly jsonErrorsFilter: CloudwatchLogMetricFilter;
  public readonly alarms: (CloudwatchMetricAlarm | CloudwatchCompositeAlarm)[];
  /**
   * The alarms on the running app, the rollback alarms included: their actions wait for the first
   * release, which switches them on (`cloudwatch:EnableAlarmActions`) once it starts the service.
   */
  public readonly quietUntilReleased: (CloudwatchMetricAlarm | CloudwatchCompositeAlarm)[];

  constructor(scope: Construct, id: string, props: AppTierProps) {
    super(scope, id);
    const { context, network, edge, data } = props;
    const { app, observability } = props.config;
    const { naming, accountId, region, protect } = context;
    const thresholds = observability.thresholds;

    const imagesKey = new EncryptionKey(this, "images-key", { naming, purpose: "images", accountId, protect });
    // The replicas' key, in the DR region: KMS keys never leave their region.
    const drImagesKey = new EncryptionKey(this, "dr-images-key", { naming, purpose: "images", accountId, protect, provider: context.drProvider });
    this.registry = new ContainerRegistry(this, "registry", {
      name: naming.name("ecrRepository", "app"),
      kmsKey: imagesKey.key,
      keepReleases: props.config.edge.keepReleases,
      replicateTo: {
        region: context.drRegion,
        accountId,
        repositoryPrefix: naming.prefix,
        count: context.workspace.defaultWorkspaceOnly,
        provider: context.drProvider,
        kmsKey: drImagesKey.key,
        roleName: naming.name("iamRole", "ecr-replicas"),
      },
      protect,
    });

    // Outbound HTTPS from the tasks: AWS APIs (through endpoints or NAT) and the app's own calls.
    new VpcSecurityGroupEgressRule(this, "egress-https", {
      securityGroupId: network.appSecurityGroup.id,
      description: "HTTPS out",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    // The service rolls back on the health alarms, so they come first; whether a release has
    // happened is the service's to say.
    const released = Lazy.anyValue({ produce: () => this.service.released });
    this.health = new ServiceHealthAlarm(this, "health", {
      naming,
      requests: edge.metricRequests(),
      errors: edge.metric5xx(),
      unhealthyHosts: edge.metricUnhealthyHosts(),
      errorRatePercent: thresholds.http5xxRatePercent,
      actions: context.alarmActions,
      actionsEnabled: released,
    });
    const tracing = observability.tracing;
    this.prometheus = tracing.prometheus ? new PrometheusWorkspace(this, "prometheus", { alias: naming.name("tag", "metrics") }) : undefined;
    const loadBalancer = edge.loadBalancer;
    this.service = new AppService(this, "service", {
      naming,
      region,
      accountId,
      subnets: network.network.privateSubnets,
      vpc: network.network.vpc,
      securityGroup: network.appSecurityGroup,
      repository: this.registry.repository,
      logsKey: context.logsKey.key,
      logRetentionDays: context.logRetentionDays,
      cpu: app.cpu,
      memoryMiB: app.memoryMiB,
      cpuArchitecture: app.cpuArchitecture,
      containerPort: app.containerPort,
      healthCheckPath: app.healthCheckPath,
      desiredCount: app.minTasks,
      environment: { ...app.environment, ...data.clientEnvironment() },
      secrets: this.containerSecrets(app.secrets, data),
      secretKeys: data.secretKeyArns,
      scratchPath: app.scratchPath,
      targetGroup: loadBalancer.targetGroup,
      alternateTargetGroup: loadBalancer.alternateTargetGroup,
      productionRule: loadBalancer.productionRule,
      deploymentStrategy: app.deploymentStrategy,
      bakeTimeMinutes: app.bakeTimeMinutes,
      canary: app.canary,
      linear: app.linear,
      testHook: app.testHook,
      healthCheckGraceSeconds: app.healthCheckGraceSeconds,
      execEnabled: app.execEnabled,
      readonlyRootFilesystem: app.readOnlyRootFilesystem,
      capacity: app.capacity,
      rollbackAlarmNames: this.health.rollbackAlarms.map((a) => a.alarmName),
      tracing: tracing.enabled
        ? { prometheus: this.prometheus && { workspaceArn: this.prometheus.arn, endpoint: this.prometheus.prometheusEndpoint } }
        : undefined,
    });
    data.grantConnect(this.service.taskRole);
    this.scaling = new AppScaling(this, "scaling", {
      naming,
      cluster: this.service.cluster,
      service: this.service.service,
      minTasks: app.minTasks,
      maxTasks: app.maxTasks,
      cpuTarget: app.scaling.cpuTarget,
      memoryTarget: app.scaling.memoryTarget,
      requestsPerTarget: app.scaling.requestsPerTarget,
      loadBalancer: loadBalancer.loadBalancer,
      targetGroups: loadBalancer.targetGroups,
      schedule: app.scaling.schedule,
      released: this.service.released,
    });

    // A filter has one pattern, and a JSON pattern matches only JSON events: one filter per log
    // format, both counting into one metric. The text pattern skips lines that start with "{", so
    // a JSON line is counted once.
    const errors = { name: "AppErrors", namespace: naming.path("app"), value: "1", defaultValue: "0", unit: "Count" };
    this.errorsFilter = new CloudwatchLogMetricFilter(this, "errors-filter", {
      name: naming.name("alarmName", "app-errors"),
      logGroupName: this.service.logGroup.name,
      pattern: observability.appErrorPattern,
      metricTransformation: errors,
    });
    this.jsonErrorsFilter = new CloudwatchLogMetricFilter(this, "json-errors-filter", {
      name: naming.name("alarmName", "app-json-errors"),
      logGroupName: this.service.logGroup.name,
      pattern: observability.appErrorJsonPattern,
      metricTransformation: errors,
    });

    const alarm = (id: string, config: Omit<AlarmProps, "name" | "actions">) =>
      metricAlarm(this, id, { name: naming.name("alarmName", id), actions: context.alarmActions, actionsEnabled: this.service.released, ...config });
    this.alarms = [
      this.health.composite,
      alarm("service-cpu", {
        description: `The service's CPU is above ${thresholds.cpuPercent}%. Check whether autoscaling is at its maximum and what the app is doing.`,
        metric: this.metricCpu(),
        threshold: thresholds.cpuPercent,
      }),
      alarm("service-memory", {
        description: `The service's memory is above ${thresholds.memoryPercent}%. Check for a leak (memory rising across deployments) before raising app.memoryMiB.`,
        metric: this.metricMemory(),
        threshold: thresholds.memoryPercent,
      }),
      alarm("tasks-missing", {
        description: "Fewer tasks run than desired. Check the service's events: failing health checks, image pull errors or no Fargate or EC2 host capacity.",
        metric: {
          id: "missing",
          expression: "desired - running",
          label: "Tasks missing",
          using: { desired: this.service.metricDesiredTasks("Maximum"), running: this.service.metricRunningTasks("Minimum") },
        },
        threshold: 0,
      }),
      // Desired, not running, tasks: a blue/green, canary or linear deployment runs both task sets
      // at once (twice the running tasks), while the desired count stays the service's own.
      alarm("tasks-at-maximum", {
        description: `Autoscaling has set the service to its maximum of ${app.maxTasks} tasks: the peak is larger than planned. Raise app.maxTasks or check for runaway load.`,
        metric: this.service.metricDesiredTasks("Minimum"),
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: app.maxTasks,
      }),
      alarm("app-errors", {
        description: `The app logs over ${thresholds.appErrorsPerMinute} errors a minute. Run the recent-app-errors query and check the latest deployment.`,
        metric: this.metricErrors(),
        threshold: thresholds.appErrorsPerMinute,
        dependsOn: [this.jsonErrorsFilter],
      }),
    ];
    this.quietUntilReleased = [...this.health.rollbackAlarms, ...this.alarms];
  }

  /** The service's average CPU use (%). */
  public metricCpu(): Metric {
    return this.service.metricCpu();
  }

  /** The service's average memory use (%). */
  public metricMemory(): Metric {
    return this.service.metricMemory();
  }

  /** Error lines in the app's logs, plain text (`observability.appErrorPattern`) and JSON (`appErrorJsonPattern`). */
  public metricErrors(): Metric {
    const { namespace, name } = this.errorsFilter.metricTransformation;
    return { namespace, metricName: name, stat: "Sum" };
  }

  /** CPU and memory, running vs desired tasks, app errors. */
  public dashboardSection(): DashboardSection {
    return {
      title: "Service",
      graphs: [
        { type: "graph", title: "CPU and memory (%)", metrics: [this.metricCpu(), this.metricMemory()] },
        { type: "graph", title: "Tasks: running vs desired", metrics: [this.service.metricRunningTasks(), this.service.metricDesiredTasks()] },
        { type: "graph", title: "App errors", metrics: [this.metricErrors()] },
      ],
      alarmArns: this.alarms.map((a) => a.arn),
    };
  }

  /** The app's secrets as references: configured ARNs, or the secrets the platform itself creates. */
  private containerSecrets(secrets: EnvironmentConfig["app"]["secrets"], data: DataTier): ContainerSecret[] {
    return Object.entries(secrets).map(([name, ref]) => {
      // `platform: "database"` is the RDS-managed master secret (JSON: username, password).
      const arn = "platform" in ref ? data.database.masterUserSecretArn : ref.arn;
      const source = arn.startsWith("arn:aws:ssm:") ? "ssm" : "secretsmanager";
      const valueFrom = ref.jsonKey ? `${arn}:${ref.jsonKey}::` : arn;
      return { name, source, valueFrom, resourceArn: arn };
    });
  }
}
