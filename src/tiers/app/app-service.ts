import { Construct } from "constructs";
import { Fn, IResolvable, Op, Token } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { DeploymentStrategy } from "../../config/app-schema";
import { Naming } from "../../naming";
import { Metric, MetricStat } from "../../shared/alarm";
import { DeploymentSettings, deploymentConfiguration, shiftsTraffic } from "./deployment-configuration";
import { DeploymentHookRole } from "./deployment-hook-role";
import { Ec2Capacity, Ec2CapacityProps } from "./ec2-capacity";

/**
 * The image tag a new environment starts with. No image carries it: until the pipeline's first
 * release writes a real tag, the service runs no task (see `AppService.released`).
 */
export const UNRELEASED_TAG = "initial";

/**
 * `value` once the first release has happened, 0 before: for task counts that must wait for an image.
 * A conditional on the refreshed image-tag parameter, so the plan knows it (`released ? value : 0`).
 */
export function onceReleased(released: IResolvable, value: number): number {
  return Token.asNumber(Fn.conditional(released, value, 0));
}

/** The container's name in the task definition; the pipeline's deploy action names it too. */
export const APP_CONTAINER = "app";
export const COLLECTOR_CONTAINER = "otel-collector";

/**
 * The collector's configuration: OTLP in on localhost only, traces to X-Ray, metrics to Prometheus
 * by SigV4-signed remote write when a workspace is given. YAML without quotes: a double quote
 * inside jsonencode() breaks the expression.
 */
export function collectorConfig(region: string, prometheusEndpoint?: string): string {
  const lines = [
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      grpc:",
    "        endpoint: 127.0.0.1:4317",
    "      http:",
    "        endpoint: 127.0.0.1:4318",
    "processors:",
    "  batch: {}",
    "exporters:",
    "  awsxray:",
    `    region: ${region}`,
  ];
  if (prometheusEndpoint) {
    lines.push("  prometheusremotewrite:", `    endpoint: ${prometheusEndpoint}api/v1/remote_write`, "    auth:", "      authenticator: sigv4auth");
    lines.unshift("extensions:", "  sigv4auth:", `    region: ${region}`, "    service: aps");
  }
  lines.push("service:");
  if (prometheusEndpoint) lines.push("  extensions: [sigv4auth]");
  lines.push("  pipelines:", "    traces:", "      receivers: [otlp]", "      processors: [batch]", "      exporters: [awsxray]");
  if (prometheusEndpoint) lines.push("    metrics:", "      receivers: [otlp]", "      processors: [batch]", "      exporters: [prometheusremotewrite]");
  return lines.join("\n");
}

/** A secret the container receives as an environment variable, by reference. */
export interface ContainerSecret {
  readonly name: string;
  /** Where the secret lives: Secrets Manager or an SSM SecureString parameter. */
  readonly source: "secretsmanager" | "ssm";
  /** ARN (with `:jsonKey::` where one key of a JSON secret is wanted) the agent resolves at start. */
  readonly valueFrom: string;
  /** The secret or parameter ARN the execution role may read. */
  readonly resourceArn: string;
}

/** The OpenTelemetry collector image (AWS Distro for OpenTelemetry), pinned: a moving tag would change under a running service. */
export const COLLECTOR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.0";

/** Tracing through an AWS Distro for OpenTelemetry collector beside the app. */
export interface AppTracing {
  /**
   * Amazon Managed Service for Prometheus workspace that receives the app's metrics.
   * @default traces only
   */
  readonly prometheus?: { readonly workspaceArn: string; readonly endpoint: string };
}

export interface AppServiceProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** Private subnets the tasks run in; they get no public IP. */
  readonly subnets: Subnet[];
  readonly securityGroup: SecurityGroup;
  readonly repository: EcrRepository;
  readonly logsKey: KmsKey;
  readonly logRetentionDays: number;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly containerPort: number;
  readonly healthCheckPath: string;
  /**
   * Tasks when the service is created after the first release; created before it, the service
   * starts with none (the pipeline's first release starts it). Autoscaling owns the count afterwards.
   */
  readonly desiredCount: number;
  /** Non-secret environment variables. */
  readonly environment: Record<string, string>;
  /** Secrets by reference; never values. */
  readonly secrets: ContainerSecret[];
  /**
   * Keys the secrets are encrypted with, which the execution role may decrypt with.
   * @default none (AWS managed keys need no grant)
   */
  readonly secretKeys?: string[];
  /**
   * A writable volume mounted at this path; everything else in the container is read-only.
   * @default no scratch volume
   */
  readonly scratchPath?: string;
  readonly targetGroup: LbTargetGroup;
  /** The production listener rule, which must exist before the service registers tasks. */
  readonly productionRule: LbListenerRule;
  /** With BLUE_GREEN, CANARY or LINEAR: the green target group ECS shifts traffic to. */
  readonly alternateTargetGroup?: LbTargetGroup;
  /** How a release replaces the tasks (app.deploymentStrategy); all but ROLLING shift listener-rule traffic. */
  readonly deploymentStrategy: DeploymentStrategy;
  /** Minutes the old tasks stay after the full shift, ready to roll back to. */
  readonly bakeTimeMinutes: number;
  /**
   * CANARY's first step: the share of traffic and its bake time.
   * @default none (needed with CANARY)
   */
  readonly canary?: DeploymentSettings["canary"];
  /**
   * LINEAR's steps: the share moved per step and the bake time between steps.
   * @default none (needed with LINEAR)
   */
  readonly linear?: DeploymentSettings["linear"];
  /**
   * A Lambda function ECS invokes at one lifecycle stage of every traffic-shifting deployment
   * (docs/operations.md, "The test hook"); the service gets a role that may invoke only it.
   * @default none
   */
  readonly testHook?: DeploymentSettings["testHook"];
  readonly healthCheckGraceSeconds: number;
  /** ECS Exec: needs `readonlyRootFilesystem: false` (AWS supports it on no read-only root). */
  readonly execEnabled: boolean;
  /**
   * The app container's root filesystem is read-only; `scratchPath` is its writable place.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * The capacity provider split (app.capacity): on-demand FARGATE base and weights, or with `ec2`
   * EC2 hosts of the service's own (Ec2Capacity) instead.
   */
  readonly capacity: {
    readonly fargateBase: number;
    readonly fargateWeight: number;
    readonly spotWeight: number;
    readonly ec2?: Omit<Ec2CapacityProps, "naming" | "cluster" | "vpc" | "subnets" | "cpuArchitecture">;
  };
  /**
   * The VPC the EC2 hosts' security group belongs to.
   * @default none (needed with capacity.ec2)
   */
  readonly vpc?: Vpc;
  /**
   * An OpenTelemetry collector sidecar sending traces to X-Ray (and metrics to Prometheus); the
   * app finds it through the standard OTEL_* environment variables.
   * @default no tracing
   */
  readonly tracing?: AppTracing;
  /**
   * Alarms whose ALARM state during a deployment rolls it back.
   * @default none
   */
  readonly rollbackAlarmNames?: string[];
}

/**
 * The app on ECS, on Fargate or on EC2 hosts of its own: cluster, task definition, the two roles, its log group and the service,
 * deployed without downtime. The image tag lives in an SSM parameter the pipeline updates, so a
 * later `terraform apply` deploys the same image the pipeline last released instead of reverting it.
 */
export class AppService extends Construct {
  public readonly cluster: EcsCluster;
  public readonly service: EcsService;
  public readonly taskDefinition: EcsTaskDefinition;
  /** Pulls the image, writes the logs and reads the secrets at task start. */
  public readonly executionRole: IamRole;
  /** The app's own identity: tiers grant it what the app needs (database, cache). */
  public readonly taskRole: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  /** The released image tag; the pipeline writes it, Terraform reads it. */
  public readonly imageTag: SsmParameter;
  /** The collector's own log group, when tracing is on. */
  public readonly collectorLogGroup?: CloudwatchLogGroup;
  /**
   * Whether the pipeline has released an image: the image-tag parameter, which Terraform refreshes
   * at every plan, no longer holds `UNRELEASED_TAG`. Known at plan time, also on the first apply.
   */
  public readonly released: IResolvable;
  /** The EC2 hosts the tasks run on, with capacity.ec2; otherwise the tasks run on Fargate. */
  public readonly hosts?: Ec2Capacity;

  constructor(scope: Construct, id: string, props: AppServiceProps) {
    super(scope, id);
    const { naming } = props;
    const readonlyRootFilesystem = props.readonlyRootFilesystem ?? true;
    if (props.execEnabled && readonlyRootFilesystem) {
      throw new Error(
        "AppService: ECS Exec does not work on a read-only root filesystem (AWS: the SSM agent must write into the container); pass execEnabled: false or readonlyRootFilesystem: false",
      );
    }

    this.cluster = new EcsCluster(this, "cluster", {
      name: naming.name("ecsName", "cluster"),
      setting: [{ name: "containerInsights", value: "enhanced" }],
    });
    this.imageTag = new SsmParameter(this, "image-tag", {
      name: `${naming.logGroup("app")}/image-tag`,
      description: "Image tag the service runs; written by the release pipeline",
      type: "String",
      insecureValue: UNRELEASED_TAG,
      // The pipeline owns the value; Terraform reads it (refresh) but never writes it back.
      lifecycle: { ignoreChanges: ["insecure_value"] },
    });
    this.released = Op.neq(this.imageTag.insecureValue, UNRELEASED_TAG);

    const ec2 = props.capacity.ec2;
    if (ec2 && !props.vpc) throw new Error("AppService: capacity.ec2 needs the vpc its hosts' security group belongs to");
    this.hosts =
      ec2 && props.vpc
        ? new Ec2Capacity(this, "hosts", {
            ...ec2,
            // No host idles before the first release: managed scaling adds them for the first tasks.
            minHosts: onceReleased(this.released, ec2.minHosts),
            naming,
            cluster: this.cluster,
            vpc: props.vpc,
            subnets: props.subnets,
            cpuArchitecture: props.cpuArchitecture,
          })
        : undefined;
    // One capacity provider strategy: the service's own hosts, or FARGATE with a base and FARGATE_SPOT
    // (a strategy cannot mix Auto Scaling group providers with Fargate ones). The cluster keeps both
    // Fargate providers either way: there is one aws_ecs_cluster_capacity_providers per cluster.
    const strategy = this.hosts
      ? [{ capacityProvider: this.hosts.capacityProviderName, base: 0, weight: 1 }]
      : [{ capacityProvider: "FARGATE", base: props.capacity.fargateBase, weight: props.capacity.fargateWeight }];
    if (!this.hosts && props.capacity.spotWeight > 0) strategy.push({ capacityProvider: "FARGATE_SPOT", base: 0, weight: props.capacity.spotWeight });
    const capacityProviders = new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: this.cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT", ...(this.hosts ? [this.hosts.capacityProviderName] : [])],
      defaultCapacityProviderStrategy: [strategy[0]],
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: naming.logGroup("app"),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });

    const tasksTrust = new DataAwsIamPolicyDocument(this, "tasks-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:ecs:${props.region}:${props.accountId}:*`] },
          ],
        },
      ],
    });
    this.executionRole = new IamRole(this, "execution-role", { name: naming.name("iamRole", "app-execution"), assumeRolePolicy: tasksTrust.json });
    this.taskRole = new IamRole(this, "task-role", { name: naming.name("iamRole", "app-task"), assumeRolePolicy: tasksTrust.json });

    const execution: DataAwsIamPolicyDocumentStatement[] = [
      { sid: "EcrToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
      {
        sid: "PullAppImage",
        actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        resources: [props.repository.arn],
      },
      { sid: "WriteAppLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
    ];
    if (props.tracing) {
      this.collectorLogGroup = new CloudwatchLogGroup(this, "collector-logs", {
        name: naming.logGroup("otel-collector"),
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.logsKey.arn,
      });
      execution.push({ sid: "WriteCollectorLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.collectorLogGroup.arn}:*`] });
      this.grantTracing(props.tracing);
    }
    const secretArns = props.secrets.filter((s) => s.source === "secretsmanager").map((s) => s.resourceArn);
    const parameterArns = props.secrets.filter((s) => s.source === "ssm").map((s) => s.resourceArn);
    if (secretArns.length) execution.push({ sid: "ReadAppSecrets", actions: ["secretsmanager:GetSecretValue"], resources: secretArns });
    if (parameterArns.length) execution.push({ sid: "ReadAppParameters", actions: ["ssm:GetParameters"], resources: parameterArns });
    if (props.secretKeys?.length) {
      execution.push({
        sid: "DecryptAppSecrets",
        actions: ["kms:Decrypt"],
        resources: props.secretKeys,
        condition: [
          { test: "StringLike", variable: "kms:ViaService", values: [`secretsmanager.${props.region}.amazonaws.com`, `ssm.${props.region}.amazonaws.com`] },
        ],
      });
    }
    const executionPolicy = new IamRolePolicy(this, "execution-policy", {
      name: "pull-log-read-secrets",
      role: this.executionRole.id,
      policy: new DataAwsIamPolicyDocument(this, "execution-permissions", { statement: execution }).json,
    });
    if (props.execEnabled) {
      new IamRolePolicy(this, "exec-policy", {
        name: "ecs-exec",
        role: this.taskRole.id,
        policy: new DataAwsIamPolicyDocument(this, "exec-permissions", {
          statement: [
            {
              sid: "EcsExecSessions",
              actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
              resources: ["*"],
            },
          ],
        }).json,
      });
    }

    const url = `http://localhost:${props.containerPort}${props.healthCheckPath}`;
    // The root filesystem stays read-only (unless ECS Exec needs it writable); a task-storage
    // volume at the app's scratch path is its writable place.
    const writable: [string, string][] = props.scratchPath ? [["scratch", props.scratchPath]] : [];
    const container = {
      name: APP_CONTAINER,
      image: `${props.repository.repositoryUrl}:${this.imageTag.insecureValue}`,
      essential: true,
      readonlyRootFilesystem,
      portMappings: [{ containerPort: props.containerPort, protocol: "tcp", name: "http", appProtocol: "http" }],
      environment: Object.entries({ ...props.environment, ...(props.tracing ? this.otelEnvironment(props) : {}) }).map(([name, value]) => ({ name, value })),
      secrets: props.secrets.map(({ name, valueFrom }) => ({ name, valueFrom })),
      // The image must ship curl (or replace the command) for this check.
      healthCheck: { command: ["CMD-SHELL", `curl -fsS ${url} || exit 1`], interval: 15, timeout: 5, retries: 3, startPeriod: 30 },
      mountPoints: writable.map(([sourceVolume, containerPath]) => ({ sourceVolume, containerPath, readOnly: false })),
      linuxParameters: { initProcessEnabled: true },
      stopTimeout: 30,
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": this.logGroup.name, "awslogs-region": props.region, "awslogs-stream-prefix": APP_CONTAINER, mode: "non-blocking" },
      },
      dependsOn: props.tracing ? [{ containerName: COLLECTOR_CONTAINER, condition: "START" }] : [],
    };
    const collector = this.collectorLogGroup && {
      name: COLLECTOR_CONTAINER,
      image: COLLECTOR_IMAGE,
      // Tracing must never take the app down with it.
      essential: false,
      readonlyRootFilesystem: true,
      memoryReservation: 64,
      environment: [{ name: "AOT_CONFIG_CONTENT", value: collectorConfig(props.region, props.tracing?.prometheus?.endpoint) }],
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": this.collectorLogGroup.name,
          "awslogs-region": props.region,
          "awslogs-stream-prefix": COLLECTOR_CONTAINER,
          mode: "non-blocking",
        },
      },
    };
    this.taskDefinition = new EcsTaskDefinition(this, "task", {
      family: naming.name("ecsName", "app"),
      // Still awsvpc on EC2: each task its own ENI and the app's security group.
      requiresCompatibilities: this.hosts ? ["FARGATE", "EC2"] : ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.cpuArchitecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      volume: writable.length ? writable.map(([name]) => ({ name })) : undefined,
      containerDefinitions: Fn.jsonencode(collector ? [container, collector] : [container]),
    });

    // BLUE_GREEN, CANARY and LINEAR all move the production listener rule's weights from the
    // blue target group to the green one, with ECS's load balancer role.
    const shifting = shiftsTraffic(props.deploymentStrategy);
    if (shifting && !props.alternateTargetGroup) {
      throw new Error(`AppService: ${props.deploymentStrategy} deployments need alternateTargetGroup (LoadBalancer with blueGreen: true)`);
    }
    const lbRole = shifting ? this.loadBalancerRole(props) : undefined;
    const hook = props.testHook
      ? new DeploymentHookRole(this, "test-hook", { naming, accountId: props.accountId, functionArn: props.testHook.lambdaArn })
      : undefined;
    // What the service needs in place before its first deployment: its capacity providers on the
    // cluster (ECS refuses a strategy naming a provider the cluster lacks), the execution role's
    // permissions (pull, logs), ECS's permission to shift traffic and to invoke the test hook.
    const prerequisites = [props.productionRule, capacityProviders, executionPolicy, ...(lbRole ? [lbRole.policy] : []), ...(hook ? [hook.policy] : [])];

    this.service = new EcsService(this, "service", {
      name: naming.name("ecsName", "app"),
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      // No task before the first release: there is no image to run, and a task that cannot start
      // fails the deployment with nothing to roll back to.
      desiredCount: onceReleased(this.released, props.desiredCount),
      capacityProviderStrategy: strategy,
      // A Fargate setting: ECS refuses it for tasks on EC2 hosts.
      platformVersion: this.hosts ? undefined : "LATEST",
      networkConfiguration: { subnets: props.subnets.map((s) => s.id), securityGroups: [props.securityGroup.id], assignPublicIp: false },
      loadBalancer: [
        {
          targetGroupArn: props.targetGroup.arn,
          containerName: APP_CONTAINER,
          containerPort: props.containerPort,
          advancedConfiguration:
            props.alternateTargetGroup && lbRole
              ? { alternateTargetGroupArn: props.alternateTargetGroup.arn, productionListenerRule: props.productionRule.arn, roleArn: lbRole.role.arn }
              : undefined,
        },
      ],
      deploymentController: { type: "ECS" },
      deploymentConfiguration: deploymentConfiguration(props, hook?.role.arn),
      // Rolling: never below the desired count; the traffic-shifting strategies start a full green set anyway.
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: props.rollbackAlarmNames?.length ? { alarmNames: props.rollbackAlarmNames, enable: true, rollback: true } : undefined,
      healthCheckGracePeriodSeconds: props.healthCheckGraceSeconds,
      enableExecuteCommand: props.execEnabled,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      availabilityZoneRebalancing: "ENABLED",
      waitForSteadyState: false,
      // Autoscaling owns the task count after creation.
      lifecycle: { ignoreChanges: ["desired_count"] },
      dependsOn: prerequisites,
    });
  }

  /** The standard OpenTelemetry variables that point the app's SDK at the collector. */
  private otelEnvironment(props: AppServiceProps): Record<string, string> {
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4317",
      OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
      OTEL_SERVICE_NAME: props.naming.name("tag", "app"),
      OTEL_PROPAGATORS: "tracecontext,baggage,xray",
      OTEL_METRICS_EXPORTER: props.tracing?.prometheus ? "otlp" : "none",
    };
  }

  /** The task role may send traces to X-Ray and, with Prometheus, write to that workspace only. */
  private grantTracing(tracing: AppTracing): void {
    const statement: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: "SendTraces",
        // X-Ray has no resource-level permissions for these actions.
        actions: [
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "xray:GetSamplingStatisticSummaries",
        ],
        resources: ["*"],
      },
    ];
    if (tracing.prometheus) statement.push({ sid: "WriteMetrics", actions: ["aps:RemoteWrite"], resources: [tracing.prometheus.workspaceArn] });
    new IamRolePolicy(this, "tracing-policy", {
      name: "otel-collector",
      role: this.taskRole.id,
      policy: new DataAwsIamPolicyDocument(this, "tracing-permissions", { statement }).json,
    });
  }

  /** The role ECS assumes to shift listener-rule weights between blue and green (every strategy but ROLLING). */
  private loadBalancerRole(props: AppServiceProps): { role: IamRole; policy: IamRolePolicyAttachment } {
    const trust = new DataAwsIamPolicyDocument(this, "ecs-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "blue-green-role", { name: props.naming.name("iamRole", "ecs-blue-green"), assumeRolePolicy: trust.json });
    const policy = new IamRolePolicyAttachment(this, "blue-green-policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
    });
    return { role, policy };
  }

  private metric(namespace: "AWS/ECS" | "ECS/ContainerInsights", metricName: string, stat: MetricStat): Metric {
    return { namespace, metricName, dimensions: { ClusterName: this.cluster.name, ServiceName: this.service.name }, stat };
  }

  /** The service's average CPU use (%). */
  public metricCpu(): Metric {
    return this.metric("AWS/ECS", "CPUUtilization", "Average");
  }

  /** The service's average memory use (%). */
  public metricMemory(): Metric {
    return this.metric("AWS/ECS", "MemoryUtilization", "Average");
  }

  /** Tasks running (Container Insights). */
  public metricRunningTasks(stat: MetricStat = "Average"): Metric {
    return this.metric("ECS/ContainerInsights", "RunningTaskCount", stat);
  }

  /** Tasks the service wants running (Container Insights). */
  public metricDesiredTasks(stat: MetricStat = "Average"): Metric {
    return this.metric("ECS/ContainerInsights", "DesiredTaskCount", stat);
  }
}
