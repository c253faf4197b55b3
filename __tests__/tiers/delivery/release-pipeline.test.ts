import { Construct } from "constructs";
import { TerraformStack, Testing } from "cdktf";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Codepipeline } from "@cdktf/provider-aws/lib/codepipeline";
import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { CodestarnotificationsNotificationRule } from "@cdktf/provider-aws/lib/codestarnotifications-notification-rule";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { BUILD_IMAGES } from "../../../src/tiers/delivery/pipeline-project";
import { ReleasePipeline, ReleasePipelineProps } from "../../../src/tiers/delivery/release-pipeline";
import { naming, parsed, resources, synth } from "../../helpers";

const SECRET = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:notes/db-AbCdEf";

let built: ReleasePipeline | undefined;

function build(overrides: Partial<ReleasePipelineProps> = {}): string {
  return synth((scope: Construct) => buildInto(scope, overrides));
}

function buildInto(scope: Construct, overrides: Partial<ReleasePipelineProps> = {}): void {
  built = new ReleasePipeline(scope, "pipeline", {
    naming,
    region: "eu-central-1",
    accountId: "111111111111",
    repository: { owner: "example-org", name: "notes-platform" },
    branch: "main",
    filePaths: ["app/**", "Dockerfile"],
    requireApproval: false,
    computeType: "BUILD_GENERAL1_SMALL",
    cpuArchitecture: "ARM64",
    imageScan: { maxCritical: 0, maxHigh: 3 },
    testCommand: "cd app && npm test",
    testReportsDirectory: "app/reports",
    dockerContext: "app",
    migrationCommand: "cd app && npm run migrate",
    artifactRetentionDays: 30,
    ecrRepository: new EcrRepository(scope, "repo", { name: "notes-dev-app" }),
    cluster: new EcsCluster(scope, "cluster", { name: "c" }),
    service: new EcsService(scope, "service", { name: "s" }),
    taskDefinition: new EcsTaskDefinition(scope, "task", { family: "notes-dev-app", containerDefinitions: "[]" }),
    taskRole: new IamRole(scope, "task-role", { assumeRolePolicy: "{}" }),
    executionRole: new IamRole(scope, "execution-role", { assumeRolePolicy: "{}" }),
    imageTagParameter: new SsmParameter(scope, "image-tag", { name: "/notes/dev/app/image-tag", type: "String", insecureValue: "initial" }),
    containerName: "app",
    vpcId: "vpc-1",
    subnets: [
      new Subnet(scope, "private-a", { vpcId: "v", cidrBlock: "10.0.0.0/20" }),
      new Subnet(scope, "private-b", { vpcId: "v", cidrBlock: "10.0.16.0/20" }),
    ],
    databaseCidrs: ["10.0.200.0/24", "10.0.201.0/24"],
    logsKey: new KmsKey(scope, "logs-key"),
    logRetentionDays: 30,
    firstStart: {
      scalingTarget: new AppautoscalingTarget(scope, "scaling", {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: "service/c/s",
        minCapacity: 0,
        maxCapacity: 0,
      }),
      minTasks: 2,
      maxTasks: 8,
      alarms: [
        new CloudwatchMetricAlarm(scope, "tasks-missing", {
          alarmName: "notes-dev-tasks-missing",
          comparisonOperator: "GreaterThanThreshold",
          evaluationPeriods: 1,
        }),
        new CloudwatchCompositeAlarm(scope, "unhealthy", { alarmName: "notes-dev-service-unhealthy", alarmRule: "ALARM(x)" }),
      ],
    },
    ...overrides,
  });
}

const pipelineOf = (json: string) => resources(json, "aws_codepipeline")[0];
const stageNames = (json: string) => pipelineOf(json).stage.map((s: any) => s.name);
const action = (json: string, name: string) =>
  pipelineOf(json)
    .stage.flatMap((s: any) => s.action)
    .find((a: any) => a.name === name);
const project = (json: string, step: string) => resources(json, "aws_codebuild_project").find((p) => p.name === `notes-dev-app-${step}`);
const buildspec = (json: string, step: string): string => project(json, step).source.buildspec;
const documents = (json: string) => parsed(json).data.aws_iam_policy_document as Record<string, any>;
/** The statements of the IAM role policy document whose logical id starts with `prefix`. */
const rolePolicy = (json: string, prefix: string): any[] => {
  const [id] = Object.keys(documents(json)).filter((k) => k.startsWith(prefix));
  return documents(json)[id].statement;
};
const statement = (json: string, prefix: string, sid: string) => rolePolicy(json, prefix).find((s) => s.sid === sid);
const ROLE_POLICIES = [
  "pipeline_test_permissions",
  "pipeline_image_permissions",
  "pipeline_migrate_permissions",
  "pipeline_release_permissions",
  "pipeline_start_permissions",
  "pipeline_pipeline-permissions",
];

/** Every `${` in a buildspec is either an escaped shell expansion or a Terraform reference. */
const unescaped = (text: string) => [...text.matchAll(/(?<!\$)\$\{(?!(aws_|data\.|local\.|var\.))/g)].map((m) => text.slice(m.index, m.index + 30));

describe("ReleasePipeline", () => {
  const json = build();
  const prodLike = build({ requireApproval: true });

  describe("stages", () => {
    it("runs Source, Test, Build, Migrate, Deploy in that order without approval", () => {
      expect(stageNames(json)).toEqual(["Source", "Test", "Build", "Migrate", "Deploy"]);
    });

    it("asks a person to approve before the migration where configured", () => {
      expect(stageNames(prodLike)).toEqual(["Source", "Test", "Build", "Approve", "Migrate", "Deploy"]);
      expect(action(prodLike, "Approve")).toMatchObject({
        category: "Approval",
        provider: "Manual",
        configuration: { ExternalEntityLink: "https://github.com/example-org/notes-platform/commit/#{SourceVariables.CommitId}" },
      });
      expect(action(json, "Approve")).toBeUndefined();
    });

    it("notifies the approvers through the release topic, with what to review and where", () => {
      expect(action(prodLike, "Approve").configuration).toEqual({
        NotificationArn: expect.stringMatching(/^\$\{aws_sns_topic\.pipeline_notifications_topic_[0-9A-F]+\.arn\}$/),
        CustomData: expect.stringContaining("#{SourceVariables.CommitId}"),
        ExternalEntityLink: expect.stringMatching(/^https:\/\/github\.com\//),
      });
    });

    it("is a V2 pipeline in SUPERSEDED mode with a KMS-encrypted artifact store", () => {
      expect(pipelineOf(json)).toMatchObject({
        pipeline_type: "V2",
        execution_mode: "SUPERSEDED",
        artifact_store: [
          { type: "S3", encryption_key: { type: "KMS", id: expect.stringMatching(/^\$\{aws_kms_key\.pipeline_artifacts-key_[0-9A-F]+\.arn\}$/) } },
        ],
      });
    });

    it("keeps artifacts in a versioned, private bucket that expires them, encrypted with the same key", () => {
      const store = pipelineOf(json).artifact_store[0];
      expect(store.location).toMatch(/^\$\{aws_s3_bucket\.pipeline_artifacts_bucket_/);
      expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
      expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      const lifecycle = resources(json, "aws_s3_bucket_lifecycle_configuration")[0];
      expect(lifecycle.rule).toContainEqual(expect.objectContaining({ id: "expire-objects", expiration: [{ days: 30 }] }));
      const sse = resources(json, "aws_s3_bucket_server_side_encryption_configuration")[0];
      expect(sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id.replace(".arn", "")).toBe(store.encryption_key.id.replace(".arn", ""));
    });

    it("takes the source from GitHub through a CodeStar connection", () => {
      expect(json).toHaveResourceWithProperties(CodestarconnectionsConnection, { name: "notes-dev-github", provider_type: "GitHub" });
      expect(action(json, "Source")).toMatchObject({
        provider: "CodeStarSourceConnection",
        namespace: "SourceVariables",
        output_artifacts: ["source"],
        configuration: {
          ConnectionArn: expect.stringMatching(/^\$\{aws_codestarconnections_connection\./),
          FullRepositoryId: "example-org/notes-platform",
          BranchName: "main",
        },
      });
    });

    it("starts on pushes to the branch that touch the configured paths", () => {
      expect(pipelineOf(json).trigger).toEqual([
        {
          provider_type: "CodeStarSourceConnection",
          git_configuration: {
            source_action_name: "Source",
            push: [{ branches: { includes: ["main"] }, file_paths: { includes: ["app/**", "Dockerfile"] } }],
          },
        },
      ]);
      expect(pipelineOf(build({ filePaths: [] })).trigger[0].git_configuration.push).toEqual([{ branches: { includes: ["main"] } }]);
    });

    it("records the tag, then deploys with the standard ECS action, and rolls the stage back on failure", () => {
      const deploy = pipelineOf(json).stage.find((s: any) => s.name === "Deploy");
      expect(deploy.on_failure).toEqual({ result: "ROLLBACK" });
      expect(deploy.action.map((a: any) => [a.name, a.run_order])).toEqual([
        ["RecordImageTag", 1],
        ["Deploy", 2],
        ["StartService", 3],
      ]);
      expect(action(json, "Deploy")).toMatchObject({
        category: "Deploy",
        provider: "ECS",
        input_artifacts: ["image"],
        configuration: { ClusterName: "${aws_ecs_cluster.cluster.name}", ServiceName: "${aws_ecs_service.service.name}", FileName: "imagedefinitions.json" },
      });
      expect(action(json, "RecordImageTag").input_artifacts).toEqual(["image"]);
    });

    it("builds from the source and passes the commit to the image build", () => {
      expect(action(json, "Image")).toMatchObject({
        input_artifacts: ["source"],
        output_artifacts: ["image"],
        configuration: { EnvironmentVariables: JSON.stringify([{ name: "COMMIT_ID", value: "#{SourceVariables.CommitId}", type: "PLAINTEXT" }]) },
      });
      expect(action(json, "UnitTests").input_artifacts).toEqual(["source"]);
      expect(action(json, "Migrate").input_artifacts).toEqual(["source"]);
    });
  });

  describe("CodeBuild projects", () => {
    const steps = ["test", "image", "migrate", "release"];

    it("run the curated image of the app's architecture, with the configured compute", () => {
      for (const step of ["test", "image", "migrate"]) {
        expect(project(json, step).environment).toMatchObject({ image: BUILD_IMAGES.ARM64.image, type: "ARM_CONTAINER", compute_type: "BUILD_GENERAL1_SMALL" });
      }
      const x86 = build({ cpuArchitecture: "X86_64", computeType: "BUILD_GENERAL1_MEDIUM" });
      expect(project(x86, "image").environment).toMatchObject({
        image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
        type: "LINUX_CONTAINER",
        compute_type: "BUILD_GENERAL1_MEDIUM",
      });
      expect(project(x86, "release").environment.compute_type).toBe("BUILD_GENERAL1_SMALL");
    });

    it("give Docker privileges to the image build only", () => {
      expect(steps.filter((s) => project(json, s).environment.privileged_mode)).toEqual(["image"]);
    });

    it("log to their own encrypted log group with retention, and encrypt with the artifact key", () => {
      const groups = resources(json, "aws_cloudwatch_log_group");
      for (const step of steps) {
        const p = project(json, step);
        const group = groups.find((g) => g.name === `/notes/dev/app-pipeline/${step}`);
        expect(group).toMatchObject({ retention_in_days: 30, kms_key_id: "${aws_kms_key.logs-key.arn}" });
        expect(p.logs_config.cloudwatch_logs).toMatchObject({ status: "ENABLED", group_name: expect.stringContaining(`pipeline_${step}_logs_`) });
        expect(p.encryption_key).toMatch(/^\$\{aws_kms_key\.pipeline_artifacts-key_[0-9A-F]+\.arn\}$/);
        expect(p.source.type).toBe("CODEPIPELINE");
      }
    });

    it("never run two migrations at once", () => {
      expect(project(json, "migrate").concurrent_build_limit).toBe(1);
    });
  });

  describe("buildspecs", () => {
    it("escape every shell ${...}: only Terraform references stay unescaped", () => {
      for (const step of ["test", "image", "migrate", "release"]) expect(unescaped(buildspec(json, step))).toEqual([]);
      expect(buildspec(json, "image")).toContain("$${CODEBUILD_RESOLVED_SOURCE_VERSION}");
      expect(buildspec(json, "image")).toContain('"REPOSITORY_URI": "${aws_ecr_repository.repo.repository_url}"');
    });

    it("report unit tests as JUnit XML to the report group", () => {
      const spec = JSON.parse(buildspec(json, "test").replace(/\$\$\{/g, "${"));
      expect(spec.phases.build.commands).toEqual(["cd app && npm test"]);
      expect(Object.values(spec.reports)).toEqual([{ files: ["**/*.xml"], "base-directory": "app/reports", "file-format": "JUNITXML" }]);
      expect(Object.keys(spec.reports)[0]).toMatch(/^\$\{aws_codebuild_report_group\.pipeline_unit-test-reports_[0-9A-F]+\.arn\}$/);
    });

    it("tag the image with the commit, wait for the ECR scan and fail above the thresholds", () => {
      const spec = buildspec(json, "image");
      expect(spec).toContain('IMAGE_TAG=\\"$${COMMIT_ID:-$${CODEBUILD_RESOLVED_SOURCE_VERSION}}\\"');
      expect(spec).toContain('docker push \\"$${REPOSITORY_URI}:$${IMAGE_TAG}\\"');
      expect(spec).toContain('aws ecr wait image-scan-complete --repository-name \\"$${REPOSITORY_NAME}\\" --image-id imageTag=\\"$${IMAGE_TAG}\\"');
      expect(spec).toContain("aws ecr describe-image-scan-findings");
      expect(spec).toContain('"MAX_CRITICAL": "0"');
      expect(spec).toContain('"MAX_HIGH": "3"');
      expect(spec).toContain('if [ \\"$${CRITICAL}\\" -gt \\"$${MAX_CRITICAL}\\" ] || [ \\"$${HIGH}\\" -gt \\"$${MAX_HIGH}\\" ]; then');
    });

    it("write image definitions naming the app container, and the tag, as the build output", () => {
      const spec = buildspec(json, "image");
      expect(spec).toContain('"CONTAINER_NAME": "app"');
      expect(spec).toContain("> imagedefinitions.json");
      expect(JSON.parse(spec.replace(/\$\$\{/g, "${")).artifacts).toEqual({ files: ["imagedefinitions.json", "image-tag.txt"] });
    });

    it("write the image tag to SSM only after approval, in the Deploy stage", () => {
      expect(buildspec(json, "release")).toContain(
        'aws ssm put-parameter --name \\"$${IMAGE_TAG_PARAMETER}\\" --value \\"$${IMAGE_TAG}\\" --type String --overwrite',
      );
      expect(buildspec(json, "release")).toContain('"IMAGE_TAG_PARAMETER": "${aws_ssm_parameter.image-tag.name}"');
      expect(buildspec(json, "image")).not.toContain("put-parameter");
    });

    it("run the configured migration command", () => {
      expect(JSON.parse(buildspec(json, "migrate")).phases.build.commands).toEqual(["cd app && npm run migrate"]);
    });

    it("render in HCL (cdktf synth --hcl) exactly as in the JSON", async () => {
      const stack = new TerraformStack(Testing.app(), "hcl");
      new AwsProvider(stack, "aws", { region: "eu-central-1" });
      buildInto(stack, { databaseSecretArn: SECRET });
      const jsonProjects = parsed(Testing.synth(stack)).resource.aws_codebuild_project;
      const hcl: any = await parseHcl("cdk.tf", Testing.synthHcl(stack));
      expect(Object.keys(jsonProjects)).toHaveLength(5);
      for (const [id, project] of Object.entries<any>(jsonProjects)) {
        expect(hcl.resource.aws_codebuild_project[id][0].source[0].buildspec).toBe(project.source.buildspec);
      }
    });
  });

  describe("the first start", () => {
    const commands = (j: string): string[] => JSON.parse(buildspec(j, "start")).phases.build.commands;
    const variables = (j: string) => JSON.parse(buildspec(j, "start")).env.variables;
    const p = "pipeline_start_permissions";

    it("starts the service after the deploy action, from the Build stage's output", () => {
      expect(action(json, "StartService")).toMatchObject({ provider: "CodeBuild", run_order: 3, input_artifacts: ["image"] });
    });

    it("registers the released range with scaling resumed, only while the target's maximum is 0", () => {
      const [read, start] = commands(json);
      expect(read).toContain("describe-scalable-targets");
      expect(start).toMatch(/^if \[ "\$\$\{MAX\}" = "0" \]; then /);
      expect(start).toContain("register-scalable-target");
      expect(start).toContain("--suspended-state DynamicScalingInSuspended=false,DynamicScalingOutSuspended=false,ScheduledScalingSuspended=false");
      expect(variables(json)).toMatchObject({
        RESOURCE_ID: "service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.service.name}",
        MIN_TASKS: "2",
        MAX_TASKS: "8",
      });
    });

    it("switches on the alarms that waited for the release, in the same step", () => {
      expect(commands(json)[1]).toContain("&& aws cloudwatch enable-alarm-actions --alarm-names $${ALARM_NAMES}; fi");
      expect(variables(json).ALARM_NAMES).toBe(
        "${aws_cloudwatch_metric_alarm.tasks-missing.alarm_name} ${aws_cloudwatch_composite_alarm.unhealthy.alarm_name}",
      );
    });

    it("waits until the service is stable, so a first image that cannot run fails the release", () => {
      expect(commands(json)).toContain('aws ecs wait services-stable --cluster "$${CLUSTER}" --services "$${SERVICE}"');
    });

    it("may register only this scaling target, scale only this service and switch on only these alarms", () => {
      // Beside what every step gets: its logs, its input artifact and the artifact key.
      expect(
        rolePolicy(json, p)
          .slice(4)
          .map((s) => [s.sid, s.actions, s.resources]),
      ).toEqual([
        ["ReadScalingTarget", ["application-autoscaling:DescribeScalableTargets"], ["*"]],
        ["StartScaling", ["application-autoscaling:RegisterScalableTarget"], ["${aws_appautoscaling_target.scaling.arn}"]],
        ["ScaleAppService", ["ecs:DescribeServices", "ecs:UpdateService"], ["${aws_ecs_service.service.arn}"]],
        [
          "SwitchOnAppAlarms",
          ["cloudwatch:EnableAlarmActions"],
          ["${aws_cloudwatch_metric_alarm.tasks-missing.arn}", "${aws_cloudwatch_composite_alarm.unhealthy.arn}"],
        ],
      ]);
    });

    it("only waits for a stable service, with only that right, when the service runs from its creation", () => {
      const running = build({ firstStart: undefined });
      expect(commands(running)).toEqual(['aws ecs wait services-stable --cluster "$${CLUSTER}" --services "$${SERVICE}"', 'echo "$${SERVICE} is stable"']);
      expect(rolePolicy(running, p).map((s) => s.sid)).toEqual(["WriteBuildLogs", "ReadArtifactStore", "ReadArtifacts", "UseArtifactKey", "WatchAppService"]);
    });
  });

  describe("roles", () => {
    it("use no wildcard actions", () => {
      for (const prefix of ROLE_POLICIES) {
        for (const s of rolePolicy(json, prefix)) expect(s.actions.filter((a: string) => a.includes("*"))).toEqual([]);
      }
    });

    it('use "*" resources only where the API takes nothing narrower', () => {
      const star = ROLE_POLICIES.flatMap((prefix) =>
        rolePolicy(json, prefix)
          .filter((s) => s.resources?.includes("*"))
          .map((s) => s.sid),
      );
      expect(star.sort()).toEqual(["DescribeBuildNetwork", "ListAppTasks", "ReadScalingTarget", "RegisterAppRevisions", "RegistryLogin"]);
      expect(statement(json, "pipeline_pipeline-permissions", "RegisterAppRevisions").actions).toEqual([
        "ecs:DescribeTaskDefinition",
        "ecs:RegisterTaskDefinition",
      ]);
      expect(statement(json, "pipeline_pipeline-permissions", "ListAppTasks").condition).toEqual([
        { test: "ArnEquals", variable: "ecs:cluster", values: ["${aws_ecs_cluster.cluster.arn}"] },
      ]);
    });

    it("let the pipeline pass exactly the task and execution roles, to ECS tasks only", () => {
      const passRole = rolePolicy(json, "pipeline_pipeline-permissions").filter((s) => s.actions.includes("iam:PassRole"));
      expect(passRole).toEqual([
        expect.objectContaining({
          resources: ["${aws_iam_role.task-role.arn}", "${aws_iam_role.execution-role.arn}"],
          condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
        }),
      ]);
      for (const prefix of ROLE_POLICIES.slice(0, 5)) expect(rolePolicy(json, prefix).flatMap((s) => s.actions)).not.toContain("iam:PassRole");
    });

    it("let the pipeline use the connection, start these builds and update this service", () => {
      const p = "pipeline_pipeline-permissions";
      expect(statement(json, p, "UseGitHubConnection")).toMatchObject({
        actions: ["codestar-connections:UseConnection"],
        resources: [expect.stringMatching(/^\$\{aws_codestarconnections_connection\./)],
      });
      expect(statement(json, p, "RunBuilds").resources).toHaveLength(5);
      expect(statement(json, p, "RunBuilds").resources.every((r: string) => r.startsWith("${aws_codebuild_project.pipeline_"))).toBe(true);
      expect(statement(json, p, "DeployAppService")).toMatchObject({
        actions: ["ecs:DescribeServices", "ecs:UpdateService"],
        resources: ["${aws_ecs_service.service.arn}"],
      });
      expect(statement(json, p, "TagAppRevisions")).toMatchObject({
        resources: ["arn:aws:ecs:eu-central-1:111111111111:task-definition/${aws_ecs_task_definition.task.family}:*"],
        condition: [{ test: "StringEquals", variable: "ecs:CreateAction", values: ["RegisterTaskDefinition"] }],
      });
    });

    it("confine every role's S3 and KMS use to the artifact bucket and key", () => {
      for (const prefix of ROLE_POLICIES) {
        for (const s of rolePolicy(json, prefix)) {
          if (s.actions.some((a: string) => a.startsWith("s3:")))
            expect(s.resources.every((r: string) => r.startsWith("${aws_s3_bucket.pipeline_artifacts_bucket_"))).toBe(true);
          if (s.actions.some((a: string) => a.startsWith("kms:")))
            expect(s.resources).toEqual([expect.stringMatching(/^\$\{aws_kms_key\.pipeline_artifacts-key_[0-9A-F]+\.arn\}$/)]);
        }
      }
    });

    it("let each build log only to its own group", () => {
      for (const step of ["test", "image", "migrate", "release"]) {
        expect(statement(json, `pipeline_${step}_permissions`, "WriteBuildLogs").resources).toEqual([
          expect.stringMatching(new RegExp(`^\\$\\{aws_cloudwatch_log_group\\.pipeline_${step}_logs_[0-9A-F]+\\.arn\\}:\\*$`)),
        ]);
      }
    });

    it("let only the image build push, to this repository only, and only writers write artifacts", () => {
      expect(statement(json, "pipeline_image_permissions", "PushAndScanAppImage").resources).toEqual(["${aws_ecr_repository.repo.arn}"]);
      expect(statement(json, "pipeline_image_permissions", "RegistryLogin").actions).toEqual(["ecr:GetAuthorizationToken"]);
      for (const step of ["test", "migrate", "release"]) {
        const actions = rolePolicy(json, `pipeline_${step}_permissions`).flatMap((s) => s.actions);
        expect(actions.filter((a: string) => a.startsWith("ecr:") || a === "s3:PutObject")).toEqual([]);
      }
    });

    it("let only the release step write the image tag, and only that parameter", () => {
      expect(statement(json, "pipeline_release_permissions", "RecordImageTag")).toMatchObject({
        actions: ["ssm:PutParameter"],
        resources: ["${aws_ssm_parameter.image-tag.arn}"],
      });
      for (const step of ["test", "image", "migrate"])
        expect(rolePolicy(json, `pipeline_${step}_permissions`).flatMap((s) => s.actions)).not.toContain("ssm:PutParameter");
    });

    it("trust only CodeBuild of this account for the build roles", () => {
      expect(documents(json)[Object.keys(documents(json)).find((k) => k.startsWith("pipeline_image_trust"))!].statement[0]).toMatchObject({
        principals: [{ type: "Service", identifiers: ["codebuild.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] }],
      });
    });
  });

  describe("migration", () => {
    it("runs in the private subnets with its own security group: HTTPS and the database port out", () => {
      expect(project(json, "migrate").vpc_config).toEqual({
        vpc_id: "vpc-1",
        subnets: ["${aws_subnet.private-a.id}", "${aws_subnet.private-b.id}"],
        security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\.pipeline_migration-sg_/)],
      });
      const egress = resources(json, "aws_vpc_security_group_egress_rule").map((r) => [r.from_port, r.cidr_ipv4]);
      expect(egress.sort()).toEqual([
        [443, "0.0.0.0/0"],
        [5432, "10.0.200.0/24"],
        [5432, "10.0.201.0/24"],
      ]);
      expect(resources(json, "aws_vpc_security_group_ingress_rule")).toEqual([]);
    });

    it("has the network interface permissions CodeBuild documents, limited to its subnets", () => {
      expect(statement(json, "pipeline_migrate_permissions", "AttachBuildNetworkInterfaces")).toMatchObject({
        actions: ["ec2:CreateNetworkInterfacePermission"],
        resources: ["arn:aws:ec2:eu-central-1:111111111111:network-interface/*"],
        condition: [
          { test: "StringEquals", variable: "ec2:Subnet", values: ["${aws_subnet.private-a.arn}", "${aws_subnet.private-b.arn}"] },
          { test: "StringEquals", variable: "ec2:AuthorizedService", values: ["codebuild.amazonaws.com"] },
        ],
      });
      for (const step of ["test", "image", "release"]) expect(project(json, step).vpc_config).toBeUndefined();
    });

    it("reads no secret until the data tier passes one", () => {
      expect(buildspec(json, "migrate")).not.toContain("secrets-manager");
      expect(rolePolicy(json, "pipeline_migrate_permissions").flatMap((s) => s.actions)).not.toContain("secretsmanager:GetSecretValue");
    });

    it("reads exactly the database secret it is given, at build start", () => {
      const withSecret = build({ databaseSecretArn: SECRET, migrationEnvironment: { DB_HOST: "db.internal" }, databasePort: 3306 });
      const spec = JSON.parse(buildspec(withSecret, "migrate"));
      expect(spec.env).toEqual({ shell: "bash", variables: { DB_HOST: "db.internal" }, "secrets-manager": { DATABASE_SECRET: SECRET } });
      expect(statement(withSecret, "pipeline_migrate_permissions", "ReadDatabaseSecret")).toMatchObject({
        actions: ["secretsmanager:GetSecretValue"],
        resources: [SECRET],
      });
      expect(
        resources(withSecret, "aws_vpc_security_group_egress_rule")
          .map((r) => r.from_port)
          .sort(),
      ).toEqual([3306, 3306, 443]);
    });
  });

  describe("notifications", () => {
    it("go to an SNS topic encrypted with a key CodeStar Notifications may use", () => {
      const topic = resources(json, "aws_sns_topic")[0];
      expect(topic).toMatchObject({
        name: "notes-dev-releases",
        kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.pipeline_notifications_key_[0-9A-F]+\.arn\}$/),
      });
      const keyPolicy = rolePolicy(json, "pipeline_notifications_key_policy");
      expect(keyPolicy.find((s) => s.sid === "CodeStarNotificationsPublish")).toMatchObject({
        principals: [{ type: "Service", identifiers: ["codestar-notifications.amazonaws.com"] }],
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["sns.eu-central-1.amazonaws.com"] }],
      });
    });

    it("let CodeStar Notifications of this account and the deployment rule publish, over TLS only", () => {
      const policy = rolePolicy(json, "pipeline_notifications_topic-policy");
      expect(policy.map((s) => [s.sid, s.effect ?? "Allow", s.principals[0].identifiers[0]])).toEqual([
        ["CodeStarNotificationsPublish", "Allow", "codestar-notifications.amazonaws.com"],
        ["DeploymentEventsPublish", "Allow", "events.amazonaws.com"],
        ["DenyInsecureTransport", "Deny", "*"],
      ]);
      expect(policy[0].condition).toEqual([{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] }]);
    });

    it("let the pipeline's role publish approval requests only where there is an approval", () => {
      const withApproval = rolePolicy(prodLike, "pipeline_notifications_topic-policy").find((st) => st.sid === "ApprovalRequestsPublish");
      expect(withApproval).toMatchObject({
        principals: [{ type: "AWS", identifiers: [expect.stringMatching(/^\$\{aws_iam_role\.pipeline_pipeline-role_[0-9A-F]+\.arn\}$/)] }],
        actions: ["sns:Publish"],
      });
      expect(rolePolicy(json, "pipeline_notifications_topic-policy").map((st) => st.sid)).not.toContain("ApprovalRequestsPublish");
    });

    it("grant the pipeline's role the topic and its key, through SNS only, where there is an approval", () => {
      expect(statement(prodLike, "pipeline_pipeline-permissions", "PublishApprovalRequests")).toMatchObject({
        actions: ["sns:Publish"],
        resources: [expect.stringMatching(/^\$\{aws_sns_topic\./)],
      });
      expect(statement(prodLike, "pipeline_pipeline-permissions", "EncryptApprovalRequests")).toMatchObject({
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [expect.stringMatching(/^\$\{aws_kms_key\.pipeline_notifications_key_/)],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["sns.eu-central-1.amazonaws.com"] }],
      });
      expect(statement(json, "pipeline_pipeline-permissions", "PublishApprovalRequests")).toBeUndefined();
    });

    it("reach the configured addresses by email", () => {
      expect(resources(json, "aws_sns_topic_subscription")).toEqual([]);
      const mailed = resources(build({ emails: ["a@example.com", "b@example.com"] }), "aws_sns_topic_subscription");
      expect(mailed.map((m) => [m.protocol, m.endpoint])).toEqual([
        ["email", "a@example.com"],
        ["email", "b@example.com"],
      ]);
      expect(mailed[0].topic_arn).toMatch(/^\$\{aws_sns_topic\.pipeline_notifications_topic_/);
    });

    it("report failed and succeeded releases and approvals waiting", () => {
      expect(json).toHaveResourceWithProperties(CodestarnotificationsNotificationRule, {
        resource: expect.stringMatching(/^\$\{aws_codepipeline\.pipeline_[0-9A-F]+\.arn\}$/),
        event_type_ids: [
          "codepipeline-pipeline-pipeline-execution-failed",
          "codepipeline-pipeline-pipeline-execution-succeeded",
          "codepipeline-pipeline-manual-approval-needed",
        ],
        target: [{ type: "SNS", address: expect.stringMatching(/^\$\{aws_sns_topic\./) }],
      });
    });

    it("report the service's deployments, completed or failed", () => {
      const rule = resources(json, "aws_cloudwatch_event_rule")[0];
      expect(rule.event_pattern).toContain('"detail-type" = ["ECS Deployment State Change"]');
      expect(rule.event_pattern).toContain('"resources" = [aws_ecs_service.service.arn]');
      expect(rule.event_pattern).toContain('"eventName" = ["SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_FAILED"]');
      expect(json).toHaveResourceWithProperties(CloudwatchEventTarget, { arn: expect.stringMatching(/^\$\{aws_sns_topic\./) });
    });

    it("reach Slack through AWS Chatbot only when configured", () => {
      expect(json).not.toHaveResource(ChatbotSlackChannelConfiguration);
      const slack = build({ slack: { teamId: "T07EA123LEP", channelId: "C07EZ1ABC23", region: "us-east-2" } });
      expect(slack).toHaveResourceWithProperties(ChatbotSlackChannelConfiguration, {
        region: "us-east-2",
        slack_team_id: "T07EA123LEP",
        slack_channel_id: "C07EZ1ABC23",
        sns_topic_arns: [expect.stringMatching(/^\$\{aws_sns_topic\./)],
        guardrail_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        user_authorization_required: true,
      });
    });

    it("expose the topic, the pipeline and the migration's security group", () => {
      build();
      expect(built!.topic).toBeInstanceOf(SnsTopic);
      expect(built!.topic).toBe(built!.notifications.topic);
      expect(built!.pipeline).toBeInstanceOf(Codepipeline);
      expect(built!.migrationSecurityGroup).toBeInstanceOf(SecurityGroup);
      expect(resources(json, "aws_security_group")[0].name_prefix).toBe("notes-dev-app-migrate-");
    });
  });
});
