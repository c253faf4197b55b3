import { Construct } from "constructs";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CodebuildReportGroup } from "@cdktf/provider-aws/lib/codebuild-report-group";
import { Codepipeline, CodepipelineStage } from "@cdktf/provider-aws/lib/codepipeline";
import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { renderBuildspec } from "../../buildspec";
import { Naming } from "../../naming";
import { EncryptionKey } from "../../shared/encryption-key";
import { githubSourceStage } from "./github-source";
import { PipelineProject } from "./pipeline-project";
import { ReleaseNotifications } from "./release-notifications";
import { AccessLogBucket } from "../../shared/access-log-bucket";
import { SecureBucket } from "../../shared/secure-bucket";

/** The image definitions file the ECS deploy action reads. */
export const IMAGE_DEFINITIONS = "imagedefinitions.json";
/** The released image tag, carried from Build to Deploy so that a rollback re-records an older one. */
export const IMAGE_TAG_FILE = "image-tag.txt";
/** Namespace of the source action's variables (#{SourceVariables.CommitId}). */
const SOURCE_VARIABLES = "SourceVariables";

export interface ReleasePipelineProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** The GitHub repository the app is built from. */
  readonly repository: { readonly owner: string; readonly name: string };
  /** Branch whose pushes start a release. */
  readonly branch: string;
  /**
   * Repository paths (globs) whose changes start a release.
   * @default any change
   */
  readonly filePaths?: string[];
  /** A manual approval stage before the migration and the deploy. */
  readonly requireApproval: boolean;
  readonly computeType: string;
  /** Builds run on this architecture, so the image is built natively for the tasks. */
  readonly cpuArchitecture: "X86_64" | "ARM64";
  /** The release fails when the image's ECR scan finds more than these counts. */
  readonly imageScan: { readonly maxCritical: number; readonly maxHigh: number };
  readonly testCommand: string;
  /** Where the test command writes JUnit XML reports, relative to the repository root. */
  readonly testReportsDirectory: string;
  /** Directory of the Dockerfile and build context, relative to the repository root. */
  readonly dockerContext: string;
  readonly migrationCommand: string;
  /** Days the artifact store keeps artifacts; the Deploy stage's rollback needs them. */
  readonly artifactRetentionDays: number;

  /** The app's image repository: the build pushes only here. */
  readonly ecrRepository: EcrRepository;
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  /** The service's task definition; the deploy action registers revisions of its family. */
  readonly taskDefinition: EcsTaskDefinition;
  /** The roles the task definition names: the deploy action may pass exactly these. */
  readonly taskRole: IamRole;
  readonly executionRole: IamRole;
  /** The SSM parameter the task definition reads its image tag from; the pipeline writes it. */
  readonly imageTagParameter: SsmParameter;
  /** Container in the task definition that runs the image. */
  readonly containerName: string;
  /**
   * A service created with no task until the first release (`AppScaling` with `released`): the
   * Deploy stage's last step starts it the first time, registering the scaling target's floor and
   * ceiling and switching the app's alarms on, then waits until the service is stable.
   * @default the service runs from its creation: the step only waits for a stable service
   */
  readonly firstStart?: FirstStart;

  readonly vpcId: string;
  /** Private subnets the migration runs in. */
  readonly subnets: Subnet[];
  /** Where the database lives: the migration may reach these ranges on `databasePort`. */
  readonly databaseCidrs: string[];
  /**
   * @default 5432
   */
  readonly databasePort?: number;
  /**
   * A Secrets Manager secret (e.g. the database's master secret) the migration receives as
   * DATABASE_SECRET, read at build start; its role may read exactly this secret.
   * @default none
   */
  readonly databaseSecretArn?: string;
  /**
   * Customer managed key the secret is encrypted with, which the migration may decrypt with.
   * @default none (an AWS managed key needs no grant)
   */
  readonly databaseSecretKeyArn?: string;
  /**
   * Plain environment variables of the migration (e.g. DB_HOST); never secrets.
   * @default none
   */
  readonly migrationEnvironment?: Record<string, string>;

  readonly logsKey: KmsKey;
  /**
   * The environment's alarm topic, which also hears of failed releases.
   * @default failures reported on the release topic only
   */
  readonly alarmTopic?: { readonly topic: SnsTopic; readonly policy: SnsTopicPolicy };
  readonly logRetentionDays: number;
  /**
   * An AWS Chatbot Slack channel for the notifications.
   * @default none
   */
  readonly slack?: { readonly teamId: string; readonly channelId: string; readonly region: string };
  /**
   * Email addresses that receive the notifications, approval requests included.
   * @default none
   */
  readonly emails?: string[];
  /**
   * Where the artifact bucket's S3 server access logs go.
   * @default no server access logs
   */
  readonly accessLogs?: AccessLogBucket;
  /**
   * prevent_destroy on the artifact bucket and its key.
   * @default true
   */
  readonly protect?: boolean;
}

/** What the first release starts: the service's scaling target with its released range, and the alarms on the app. */
export interface FirstStart {
  readonly scalingTarget: AppautoscalingTarget;
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Alarms whose actions wait for the first release. */
  readonly alarms: (CloudwatchMetricAlarm | CloudwatchCompositeAlarm)[];
}

/**
 * Releases the app from GitHub to its ECS service: CodePipeline V2 with Source (CodeStar connection),
 * Test, Build (image, scan gate), an optional manual approval, Migrate (in the VPC) and Deploy
 * (record the tag in SSM, then the standard ECS deploy action, which lets the service's own
 * blue/green or rolling strategy switch). Notifications go to an SNS topic.
 */
export class ReleasePipeline extends Construct {
  public readonly pipeline: Codepipeline;
  /** The GitHub connection; PENDING until approved once in the console. */
  public readonly connection: CodestarconnectionsConnection;
  public readonly role: IamRole;
  public readonly artifactBucket: SecureBucket;
  public readonly artifactKey: EncryptionKey;
  /** The migration's own group: the data tier admits it on the database port. */
  public readonly migrationSecurityGroup: SecurityGroup;
  public readonly projects: {
    readonly test: PipelineProject;
    readonly image: PipelineProject;
    readonly migrate: PipelineProject;
    readonly release: PipelineProject;
    readonly start: PipelineProject;
  };
  public readonly notifications: ReleaseNotifications;

  /** The topic releases and deployments are reported to; other tiers may publish to it too. */
  public get topic(): SnsTopic {
    return this.notifications.topic;
  }

  constructor(scope: Construct, id: string, props: ReleasePipelineProps) {
    super(scope, id);
    const { naming } = props;
    const protect = props.protect ?? true;

    this.connection = new CodestarconnectionsConnection(this, "github", {
      name: naming.name("codestarConnection", "github"),
      providerType: "GitHub",
    });

    this.artifactKey = new EncryptionKey(this, "artifacts-key", { naming, purpose: "pipeline-artifacts", accountId: props.accountId, protect });
    this.artifactBucket = new SecureBucket(this, "artifacts", {
      bucketName: naming.name("s3Bucket", "app-pipeline", props.accountId),
      kmsKey: this.artifactKey.key,
      expirationDays: props.artifactRetentionDays,
      noncurrentVersionExpirationDays: 7,
      accessLogs: props.accessLogs,
      protect,
    });

    this.migrationSecurityGroup = new SecurityGroup(this, "migration-sg", {
      namePrefix: naming.namePrefix("securityGroup", "app-migrate"),
      description: "Database migrations of the release pipeline",
      vpcId: props.vpcId,
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupEgressRule(this, "migration-egress-https", {
      securityGroupId: this.migrationSecurityGroup.id,
      description: "HTTPS out: AWS APIs, package registries",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });
    const databasePort = props.databasePort ?? 5432;
    props.databaseCidrs.forEach(
      (cidr, i) =>
        new VpcSecurityGroupEgressRule(this, `migration-egress-database-${i}`, {
          securityGroupId: this.migrationSecurityGroup.id,
          description: "The database, in the data subnets",
          ipProtocol: "tcp",
          fromPort: databasePort,
          toPort: databasePort,
          cidrIpv4: cidr,
        }),
    );

    const common = {
      naming,
      accountId: props.accountId,
      computeType: props.computeType,
      cpuArchitecture: props.cpuArchitecture,
      artifactBucket: this.artifactBucket.bucket,
      artifactKey: this.artifactKey.key,
      logsKey: props.logsKey,
      logRetentionDays: props.logRetentionDays,
    };

    const reports = new CodebuildReportGroup(this, "unit-test-reports", {
      name: naming.name("codebuildReportGroup", "app-unit-tests"),
      type: "TEST",
      exportConfig: { type: "NO_EXPORT" },
      deleteReports: true,
    });
    const test = new PipelineProject(this, "test", {
      ...common,
      step: "test",
      description: "Runs the app's unit tests and reports them",
      buildspec: testBuildspec(props.testCommand, reports.arn, props.testReportsDirectory),
      statements: [
        {
          sid: "ReportUnitTests",
          actions: ["codebuild:BatchPutCodeCoverages", "codebuild:BatchPutTestCases", "codebuild:CreateReport", "codebuild:UpdateReport"],
          resources: [reports.arn],
        },
      ],
    });

    const image = new PipelineProject(this, "image", {
      ...common,
      step: "image",
      description: "Builds and pushes the app's image, gates it on the ECR scan, writes the image definitions",
      buildspec: imageBuildspec({
        repositoryUrl: props.ecrRepository.repositoryUrl,
        containerName: props.containerName,
        dockerContext: props.dockerContext,
        maxCritical: props.imageScan.maxCritical,
        maxHigh: props.imageScan.maxHigh,
      }),
      privileged: true,
      dockerLayerCache: true,
      writesArtifacts: true,
      timeoutMinutes: 60,
      statements: [
        // GetAuthorizationToken (docker login) supports no resource-level permissions.
        { sid: "RegistryLogin", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
        {
          sid: "PushAndScanAppImage",
          actions: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:CompleteLayerUpload",
            "ecr:DescribeImageScanFindings",
            "ecr:DescribeImages",
            "ecr:InitiateLayerUpload",
            "ecr:PutImage",
            "ecr:UploadLayerPart",
          ],
          resources: [props.ecrRepository.arn],
        },
      ],
    });

    const migrationStatements: DataAwsIamPolicyDocumentStatement[] = [];
    if (props.databaseSecretArn) {
      migrationStatements.push({ sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [props.databaseSecretArn] });
    }
    if (props.databaseSecretKeyArn) {
      migrationStatements.push({
        sid: "DecryptDatabaseSecret",
        actions: ["kms:Decrypt"],
        resources: [props.databaseSecretKeyArn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${props.region}.amazonaws.com`] }],
      });
    }
    const migrate = new PipelineProject(this, "migrate", {
      ...common,
      step: "migrate",
      description: "Applies the database migrations from inside the VPC",
      buildspec: migrateBuildspec(props.migrationCommand, props.databaseSecretArn, props.migrationEnvironment),
      vpc: { region: props.region, vpcId: props.vpcId, subnets: props.subnets, securityGroup: this.migrationSecurityGroup },
      // Two migrations must never run at once.
      concurrentBuildLimit: 1,
      statements: migrationStatements,
    });

    const release = new PipelineProject(this, "release", {
      ...common,
      computeType: "BUILD_GENERAL1_SMALL",
      step: "release",
      description: "Records the released image tag in SSM, where Terraform reads it",
      buildspec: releaseBuildspec(props.imageTagParameter.name),
      concurrentBuildLimit: 1,
      timeoutMinutes: 10,
      statements: [{ sid: "RecordImageTag", actions: ["ssm:PutParameter"], resources: [props.imageTagParameter.arn] }],
    });
    const start = new PipelineProject(this, "start", {
      ...common,
      computeType: "BUILD_GENERAL1_SMALL",
      step: "start",
      description: "Starts the service on its first release (tasks, scaling, alarms), then waits until it is stable",
      buildspec: startBuildspec({
        cluster: props.cluster.name,
        service: props.service.name,
        minTasks: props.firstStart?.minTasks,
        maxTasks: props.firstStart?.maxTasks,
        alarmNames: props.firstStart?.alarms.map((a) => a.alarmName) ?? [],
      }),
      concurrentBuildLimit: 1,
      timeoutMinutes: 20,
      statements: this.startStatements(props),
    });
    this.projects = { test, image, migrate, release, start };

    const trust = new DataAwsIamPolicyDocument(this, "pipeline-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["codepipeline.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "pipeline-role", { name: naming.name("iamRole", "app-pipeline"), assumeRolePolicy: trust.json });
    // Before the pipeline: its approval action names the topic.
    this.notifications = new ReleaseNotifications(this, "notifications", {
      naming,
      region: props.region,
      accountId: props.accountId,
      service: props.service,
      approvalPublisher: props.requireApproval ? this.role : undefined,
      emails: props.emails,
      slack: props.slack,
      alarmTopic: props.alarmTopic,
    });
    this.grantPipeline(props);
    this.pipeline = new Codepipeline(this, "pipeline", {
      name: naming.name("codepipeline", "app-release"),
      roleArn: this.role.arn,
      pipelineType: "V2",
      // SUPERSEDED: releases are cumulative (the newest image holds every earlier commit, and the
      // migration command applies all pending migrations), so a newer execution replaces older ones
      // waiting at a stage boundary instead of queueing them behind an approval. Stages still run
      // one execution at a time; PARALLEL would allow overlapping migrations and has no rollback.
      executionMode: "SUPERSEDED",
      artifactStore: [
        {
          type: "S3",
          location: this.artifactBucket.bucket.bucket,
          encryptionKey: { type: "KMS", id: this.artifactKey.key.arn },
        },
      ],
      stage: this.stages(props),
      trigger: [
        {
          providerType: "CodeStarSourceConnection",
          gitConfiguration: {
            sourceActionName: "Source",
            push: [
              {
                branches: { includes: [props.branch] },
                filePaths: props.filePaths?.length ? { includes: props.filePaths } : undefined,
              },
            ],
          },
        },
      ],
      dependsOn: [this.artifactBucket.policy],
    });
    this.notifications.watch(this.pipeline);
  }

  /** Source → Test → Build → [Approve] → Migrate → Deploy. */
  private stages(props: ReleasePipelineProps): CodepipelineStage[] {
    const codebuild = (name: string, project: PipelineProject, input: string, extra: Record<string, unknown> = {}) => ({
      name,
      category: "Build",
      owner: "AWS",
      provider: "CodeBuild",
      version: "1",
      inputArtifacts: [input],
      configuration: { ProjectName: project.project.name, ...(extra as Record<string, string>) },
    });
    const commitId = `#{${SOURCE_VARIABLES}.CommitId}`;
    const stages: CodepipelineStage[] = [
      githubSourceStage(this.connection, props.repository, props.branch, SOURCE_VARIABLES),
      { name: "Test", action: [codebuild("UnitTests", this.projects.test, "source")] },
      {
        name: "Build",
        action: [
          {
            ...codebuild("Image", this.projects.image, "source", {
              // The commit, for the image tag, where CODEBUILD_RESOLVED_SOURCE_VERSION is not set.
              EnvironmentVariables: JSON.stringify([{ name: "COMMIT_ID", value: commitId, type: "PLAINTEXT" }]),
            }),
            outputArtifacts: ["image"],
          },
        ],
      },
    ];
    if (props.requireApproval) {
      stages.push({
        name: "Approve",
        action: [
          {
            name: "Approve",
            category: "Approval",
            owner: "AWS",
            provider: "Manual",
            version: "1",
            // NotificationArn: the approval publishes its request, with CustomData, the link and the
            // console's approve/reject link, to the release topic, whose subscribers are the approvers.
            configuration: {
              NotificationArn: this.notifications.topic.arn,
              CustomData: `Release commit ${commitId} of ${props.repository.owner}/${props.repository.name}: approving migrates the database and deploys it.`,
              ExternalEntityLink: `https://github.com/${props.repository.owner}/${props.repository.name}/commit/${commitId}`,
            },
          },
        ],
      });
    }
    stages.push(
      { name: "Migrate", action: [codebuild("Migrate", this.projects.migrate, "source")] },
      {
        name: "Deploy",
        action: [
          // First the tag, so that a `terraform apply` during or after the deploy registers this
          // image, not the previous one; only after approval, so it never names an unapproved one.
          { ...codebuild("RecordImageTag", this.projects.release, "image"), runOrder: 1 },
          {
            name: "Deploy",
            category: "Deploy",
            owner: "AWS",
            provider: "ECS",
            version: "1",
            runOrder: 2,
            inputArtifacts: ["image"],
            configuration: {
              ClusterName: props.cluster.name,
              ServiceName: props.service.name,
              FileName: IMAGE_DEFINITIONS,
            },
          },
          // After the deploy, so the first tasks run the released image: a service created before
          // the first release runs none until this starts it.
          { ...codebuild("StartService", this.projects.start, "image"), runOrder: 3 },
        ],
        // A failed deploy re-runs this stage with the last release that succeeded here: the tag in
        // SSM and the service go back together.
        onFailure: { result: "ROLLBACK" },
      },
    );
    return stages;
  }

  /**
   * What the start step does: read the service and its scaling target, and on the first release
   * register the target's range (Application Auto Scaling requires the caller to hold
   * ecs:DescribeServices and ecs:UpdateService on the service for that) and enable the alarms'
   * actions. DescribeScalableTargets supports no resource-level permissions ("*").
   */
  private startStatements(props: ReleasePipelineProps): DataAwsIamPolicyDocumentStatement[] {
    const statements: DataAwsIamPolicyDocumentStatement[] = [{ sid: "WatchAppService", actions: ["ecs:DescribeServices"], resources: [props.service.arn] }];
    const first = props.firstStart;
    if (!first) return statements;
    return [
      { sid: "ReadScalingTarget", actions: ["application-autoscaling:DescribeScalableTargets"], resources: ["*"] },
      { sid: "StartScaling", actions: ["application-autoscaling:RegisterScalableTarget"], resources: [first.scalingTarget.arn] },
      { sid: "ScaleAppService", actions: ["ecs:DescribeServices", "ecs:UpdateService"], resources: [props.service.arn] },
      ...(first.alarms.length ? [{ sid: "SwitchOnAppAlarms", actions: ["cloudwatch:EnableAlarmActions"], resources: first.alarms.map((a) => a.arn) }] : []),
    ];
  }

  /**
   * What CodePipeline itself does: fetch the source, start the builds, deploy to ECS, use the
   * artifact store, and (with an approval) publish the approval request.
   */
  private grantPipeline(props: ReleasePipelineProps): void {
    const role = this.role;
    const bucket = this.artifactBucket.bucket.arn;
    const projects = Object.values(this.projects).map((p) => p.project.arn);
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      { sid: "UseGitHubConnection", actions: ["codestar-connections:UseConnection"], resources: [this.connection.arn] },
      { sid: "RunBuilds", actions: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"], resources: projects },
      { sid: "ReadArtifactStore", actions: ["s3:GetBucketLocation", "s3:GetBucketVersioning"], resources: [bucket] },
      {
        sid: "ReadWriteArtifacts",
        actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl"],
        resources: [`${bucket}/*`],
      },
      { sid: "UseArtifactKey", actions: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], resources: [this.artifactKey.key.arn] },
      { sid: "DeployAppService", actions: ["ecs:DescribeServices", "ecs:UpdateService"], resources: [props.service.arn] },
      // The deploy action copies the service's task definition into a new revision. Neither call
      // supports resource-level permissions: "*" is the only resource they accept.
      { sid: "RegisterAppRevisions", actions: ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"], resources: ["*"] },
      {
        // The new revision carries the old one's tags; tagging on registration is authorized separately.
        sid: "TagAppRevisions",
        actions: ["ecs:TagResource"],
        resources: [`arn:aws:ecs:${props.region}:${props.accountId}:task-definition/${props.taskDefinition.family}:*`],
        condition: [{ test: "StringEquals", variable: "ecs:CreateAction", values: ["RegisterTaskDefinition"] }],
      },
      {
        sid: "WatchAppTasks",
        actions: ["ecs:DescribeTasks"],
        resources: [`arn:aws:ecs:${props.region}:${props.accountId}:task/${props.cluster.name}/*`],
      },
      {
        // ListTasks is authorized on container instances, which Fargate has none of: scoped by cluster.
        sid: "ListAppTasks",
        actions: ["ecs:ListTasks"],
        resources: ["*"],
        condition: [{ test: "ArnEquals", variable: "ecs:cluster", values: [props.cluster.arn] }],
      },
      {
        sid: "PassTaskRoles",
        actions: ["iam:PassRole"],
        resources: [props.taskRole.arn, props.executionRole.arn],
        condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
      },
      ...(props.requireApproval ? this.notifications.publishStatements() : []),
    ];
    new IamRolePolicy(this, "pipeline-policy", {
      name: "release",
      role: role.id,
      policy: new DataAwsIamPolicyDocument(this, "pipeline-permissions", { statement: statements }).json,
    });
  }
}

/** Unit tests, reported to the report group. */
export function testBuildspec(command: string, reportGroupArn: string, reportsDirectory: string): string {
  return renderBuildspec({
    phases: { build: { commands: [command] } },
    reports: { [reportGroupArn]: { files: ["**/*.xml"], baseDirectory: reportsDirectory, fileFormat: "JUNITXML" } },
  });
}

export interface ImageBuildspecOptions {
  readonly repositoryUrl: string;
  readonly containerName: string;
  readonly dockerContext: string;
  readonly maxCritical: number;
  readonly maxHigh: number;
}

/**
 * Build and push the image tagged with the commit (a retry of the same commit reuses the pushed
 * image: tags are immutable), wait for the ECR scan and fail above the thresholds, then write the
 * image definitions and the tag for the Deploy stage.
 */
export function imageBuildspec(o: ImageBuildspecOptions): string {
  const image = '"${REPOSITORY_URI}:${IMAGE_TAG}"';
  const repo = '--repository-name "${REPOSITORY_NAME}"';
  const imageId = '--image-id imageTag="${IMAGE_TAG}"';
  return renderBuildspec({
    env: {
      variables: {
        REPOSITORY_URI: o.repositoryUrl,
        CONTAINER_NAME: o.containerName,
        DOCKER_CONTEXT: o.dockerContext,
        MAX_CRITICAL: String(o.maxCritical),
        MAX_HIGH: String(o.maxHigh),
      },
    },
    phases: {
      preBuild: {
        commands: [
          'IMAGE_TAG="${COMMIT_ID:-${CODEBUILD_RESOLVED_SOURCE_VERSION}}"',
          'test -n "${IMAGE_TAG}" || { echo "No commit to tag the image with" >&2; exit 1; }',
          'REGISTRY="${REPOSITORY_URI%%/*}"; REPOSITORY_NAME="${REPOSITORY_URI#*/}"',
          'aws ecr get-login-password --region "${AWS_REGION}" | docker login --username AWS --password-stdin "${REGISTRY}"',
        ],
      },
      build: {
        commands: [
          `if aws ecr describe-images ${repo} --image-ids imageTag="\${IMAGE_TAG}" > /dev/null 2>&1; then echo "\${IMAGE_TAG} is already in ECR (a retry): not rebuilding it"; else docker build --tag ${image} "\${DOCKER_CONTEXT}" && docker push ${image}; fi`,
          `aws ecr wait image-scan-complete ${repo} ${imageId}`,
          `read -r CRITICAL HIGH <<< "$(aws ecr describe-image-scan-findings ${repo} ${imageId} --query '[imageScanFindings.findingSeverityCounts.CRITICAL || \`0\`, imageScanFindings.findingSeverityCounts.HIGH || \`0\`]' --output text)"`,
          // Unreadable counts fail the build: `[ "" -gt 0 ]` is an error, which `if` takes as "no findings".
          '[[ "${CRITICAL}" =~ ^[0-9]+$ && "${HIGH}" =~ ^[0-9]+$ ]] || { echo "Could not read the scan findings of ${IMAGE_TAG}" >&2; exit 1; }',
          'echo "ECR scan of ${IMAGE_TAG}: ${CRITICAL} critical, ${HIGH} high findings (allowed: ${MAX_CRITICAL} critical, ${MAX_HIGH} high)"',
          'if [ "${CRITICAL}" -gt "${MAX_CRITICAL}" ] || [ "${HIGH}" -gt "${MAX_HIGH}" ]; then echo "Image scan gate: too many CRITICAL/HIGH findings, not releasing ${IMAGE_TAG}" >&2; exit 1; fi',
          `printf '[{"name":"%s","imageUri":"%s"}]' "\${CONTAINER_NAME}" ${image} > ${IMAGE_DEFINITIONS}`,
          `printf '%s' "\${IMAGE_TAG}" > ${IMAGE_TAG_FILE}`,
        ],
      },
    },
    artifacts: { files: [IMAGE_DEFINITIONS, IMAGE_TAG_FILE] },
  });
}

/** Migrations from the source, with the database secret (if any) read at build start. */
export function migrateBuildspec(command: string, databaseSecretArn?: string, environment?: Record<string, string>): string {
  return renderBuildspec({
    env: {
      variables: environment,
      secretsManager: databaseSecretArn ? { DATABASE_SECRET: databaseSecretArn } : undefined,
    },
    phases: { build: { commands: [command] } },
  });
}

export interface StartBuildspecOptions {
  readonly cluster: string;
  readonly service: string;
  /** The range the first release registers; without it the step only waits for a stable service. */
  readonly minTasks?: number;
  readonly maxTasks?: number;
  /** Alarms whose actions the first release enables. */
  readonly alarmNames: string[];
}

/**
 * Starts a service that waits for its first release: while the scaling target's maximum is 0 (as
 * Terraform creates it before any release), register the released range with scaling resumed, which
 * moves the desired count to the floor at once, and enable the alarms' actions; later releases and
 * rollbacks find a started service and leave its scaling alone. Then waits until the service is
 * stable, so a first image whose tasks cannot start fails the release.
 */
export function startBuildspec(o: StartBuildspecOptions): string {
  const dimension = "--service-namespace ecs --scalable-dimension ecs:service:DesiredCount";
  const first =
    o.minTasks === undefined || o.maxTasks === undefined
      ? []
      : [
          `MAX="$(aws application-autoscaling describe-scalable-targets ${dimension} --resource-ids "\${RESOURCE_ID}" --query 'ScalableTargets[0].MaxCapacity' --output text)"`,
          [
            'if [ "${MAX}" = "0" ]; then',
            'echo "First release: starting ${SERVICE} with ${MIN_TASKS} to ${MAX_TASKS} tasks and switching its alarms on";',
            `aws application-autoscaling register-scalable-target ${dimension} --resource-id "\${RESOURCE_ID}" --min-capacity "\${MIN_TASKS}" --max-capacity "\${MAX_TASKS}" --suspended-state DynamicScalingInSuspended=false,DynamicScalingOutSuspended=false,ScheduledScalingSuspended=false`,
            ...(o.alarmNames.length ? ["&& aws cloudwatch enable-alarm-actions --alarm-names ${ALARM_NAMES};"] : [";"]),
            "fi",
          ].join(" "),
        ];
  return renderBuildspec({
    env: {
      variables: {
        CLUSTER: o.cluster,
        SERVICE: o.service,
        ...(first.length
          ? {
              RESOURCE_ID: `service/${o.cluster}/${o.service}`,
              MIN_TASKS: String(o.minTasks),
              MAX_TASKS: String(o.maxTasks),
              ALARM_NAMES: o.alarmNames.join(" "),
            }
          : {}),
      },
    },
    phases: {
      build: {
        commands: [...first, 'aws ecs wait services-stable --cluster "${CLUSTER}" --services "${SERVICE}"', 'echo "${SERVICE} is stable"'],
      },
    },
  });
}

/**
 * Writes the released tag to the image-tag parameter. Reads it from the Build stage's artifact, so
 * that a rollback of the Deploy stage records the older tag again.
 */
export function releaseBuildspec(parameterName: string): string {
  return renderBuildspec({
    env: { variables: { IMAGE_TAG_PARAMETER: parameterName } },
    phases: {
      build: {
        commands: [
          `IMAGE_TAG="$(cat ${IMAGE_TAG_FILE})"`,
          'test -n "${IMAGE_TAG}" || { echo "No image tag in the build output" >&2; exit 1; }',
          'aws ssm put-parameter --name "${IMAGE_TAG_PARAMETER}" --value "${IMAGE_TAG}" --type String --overwrite',
          'echo "Released ${IMAGE_TAG}: ${IMAGE_TAG_PARAMETER} names it, so terraform apply registers this image"',
        ],
      },
    },
  });
}
