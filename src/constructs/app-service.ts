import { Construct } from "constructs";
import { Fn } from "cdktf";
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
import { Naming } from "../naming";

/** The container's name in the task definition; the pipeline's deploy action names it too. */
export const APP_CONTAINER = "app";

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
  /** Tasks when the service is created; autoscaling owns the count afterwards. */
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
  /** With BLUE_GREEN: the green target group ECS shifts traffic to. */
  readonly alternateTargetGroup?: LbTargetGroup;
  readonly deploymentStrategy: "BLUE_GREEN" | "ROLLING";
  readonly bakeTimeMinutes: number;
  readonly healthCheckGraceSeconds: number;
  readonly execEnabled: boolean;
  readonly capacity: { readonly fargateBase: number; readonly fargateWeight: number; readonly spotWeight: number };
  /**
   * Alarms whose ALARM state during a deployment rolls it back.
   * @default none
   */
  readonly rollbackAlarmNames?: string[];
}

/**
 * The app on ECS Fargate: cluster, task definition, the two roles, its log group and the service,
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

  constructor(scope: Construct, id: string, props: AppServiceProps) {
    super(scope, id);
    const { naming } = props;

    this.cluster = new EcsCluster(this, "cluster", {
      name: naming.name("ecsName", "cluster"),
      setting: [{ name: "containerInsights", value: "enhanced" }],
    });
    new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: this.cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: props.capacity.fargateBase, weight: props.capacity.fargateWeight }],
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: naming.logGroup("app"),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });

    this.imageTag = new SsmParameter(this, "image-tag", {
      name: `${naming.logGroup("app")}/image-tag`,
      description: "Image tag the service runs; written by the release pipeline",
      type: "String",
      insecureValue: "initial",
      // The pipeline owns the value; Terraform reads it (refresh) but never writes it back.
      lifecycle: { ignoreChanges: ["insecure_value"] },
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
    const secretArns = props.secrets.filter((s) => s.source === "secretsmanager").map((s) => s.resourceArn);
    const parameterArns = props.secrets.filter((s) => s.source === "ssm").map((s) => s.resourceArn);
    if (secretArns.length) execution.push({ sid: "ReadAppSecrets", actions: ["secretsmanager:GetSecretValue"], resources: secretArns });
    if (parameterArns.length) execution.push({ sid: "ReadAppParameters", actions: ["ssm:GetParameters"], resources: parameterArns });
    if (props.secretKeys?.length) {
      execution.push({
        sid: "DecryptAppSecrets",
        actions: ["kms:Decrypt"],
        resources: props.secretKeys,
        condition: [{ test: "StringLike", variable: "kms:ViaService", values: [`secretsmanager.${props.region}.amazonaws.com`, `ssm.${props.region}.amazonaws.com`] }],
      });
    }
    new IamRolePolicy(this, "execution-policy", {
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
    const container = {
      name: APP_CONTAINER,
      image: `${props.repository.repositoryUrl}:${this.imageTag.insecureValue}`,
      essential: true,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: props.containerPort, protocol: "tcp", name: "http", appProtocol: "http" }],
      environment: Object.entries(props.environment).map(([name, value]) => ({ name, value })),
      secrets: props.secrets.map(({ name, valueFrom }) => ({ name, valueFrom })),
      // The image must ship curl (or replace the command) for this check.
      healthCheck: { command: ["CMD-SHELL", `curl -fsS ${url} || exit 1`], interval: 15, timeout: 5, retries: 3, startPeriod: 30 },
      mountPoints: props.scratchPath ? [{ sourceVolume: "scratch", containerPath: props.scratchPath, readOnly: false }] : [],
      linuxParameters: { initProcessEnabled: true },
      stopTimeout: 30,
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": this.logGroup.name, "awslogs-region": props.region, "awslogs-stream-prefix": APP_CONTAINER, mode: "non-blocking" },
      },
    };
    this.taskDefinition = new EcsTaskDefinition(this, "task", {
      family: naming.name("ecsName", "app"),
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.cpuArchitecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      volume: props.scratchPath ? [{ name: "scratch" }] : undefined,
      containerDefinitions: Fn.jsonencode([container]),
    });

    const blueGreen = props.deploymentStrategy === "BLUE_GREEN";
    if (blueGreen && !props.alternateTargetGroup) {
      throw new Error("AppService: BLUE_GREEN deployments need alternateTargetGroup (LoadBalancer with blueGreen: true)");
    }
    const lbRole = blueGreen ? this.loadBalancerRole(props) : undefined;

    const strategy = [{ capacityProvider: "FARGATE", base: props.capacity.fargateBase, weight: props.capacity.fargateWeight }];
    if (props.capacity.spotWeight > 0) strategy.push({ capacityProvider: "FARGATE_SPOT", base: 0, weight: props.capacity.spotWeight });

    this.service = new EcsService(this, "service", {
      name: naming.name("ecsName", "app"),
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: strategy,
      platformVersion: "LATEST",
      networkConfiguration: { subnets: props.subnets.map((s) => s.id), securityGroups: [props.securityGroup.id], assignPublicIp: false },
      loadBalancer: [
        {
          targetGroupArn: props.targetGroup.arn,
          containerName: APP_CONTAINER,
          containerPort: props.containerPort,
          advancedConfiguration:
            blueGreen && props.alternateTargetGroup && lbRole
              ? { alternateTargetGroupArn: props.alternateTargetGroup.arn, productionListenerRule: props.productionRule.arn, roleArn: lbRole.arn }
              : undefined,
        },
      ],
      deploymentController: { type: "ECS" },
      deploymentConfiguration: blueGreen ? { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(props.bakeTimeMinutes) } : { strategy: "ROLLING" },
      // Rolling: never below the desired count; blue/green starts a full green set anyway.
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
      dependsOn: [props.productionRule],
    });
  }

  /** The role ECS assumes to shift listener-rule weights between blue and green. */
  private loadBalancerRole(props: AppServiceProps): IamRole {
    const trust = new DataAwsIamPolicyDocument(this, "ecs-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "blue-green-role", { name: props.naming.name("iamRole", "ecs-blue-green"), assumeRolePolicy: trust.json });
    new IamRolePolicyAttachment(this, "blue-green-policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
    });
    return role;
  }
}
