import { Construct } from "constructs";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { AppService, AppServiceProps, UNRELEASED_TAG } from "../../../src/tiers/app/app-service";
import { naming, parsed, resources, synth } from "../../helpers";

const SECRET = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:notes/api-AbCdEf";
const PARAMETER = "arn:aws:ssm:eu-central-1:111111111111:parameter/notes/token";

/** Builds the service into a scope that has a provider. */
function buildInto(scope: Construct, overrides: Partial<AppServiceProps> = {}): AppService {
  return new AppService(scope, "app", {
    naming,
    region: "eu-central-1",
    accountId: "111111111111",
    subnets: [new Subnet(scope, "a", { vpcId: "v", cidrBlock: "10.0.0.0/24" })],
    securityGroup: new SecurityGroup(scope, "sg", {}),
    repository: new EcrRepository(scope, "repo", { name: "r" }),
    logsKey: new KmsKey(scope, "key"),
    logRetentionDays: 30,
    cpu: 256,
    memoryMiB: 512,
    cpuArchitecture: "ARM64",
    containerPort: 8080,
    healthCheckPath: "/health",
    desiredCount: 2,
    environment: { LOG_LEVEL: "info" },
    secrets: [
      { name: "API_KEY", source: "secretsmanager", valueFrom: `${SECRET}:key::`, resourceArn: SECRET },
      { name: "TOKEN", source: "ssm", valueFrom: PARAMETER, resourceArn: PARAMETER },
    ],
    scratchPath: "/tmp",
    targetGroup: new LbTargetGroup(scope, "blue", {}),
    alternateTargetGroup: new LbTargetGroup(scope, "green", {}),
    productionRule: new LbListenerRule(scope, "rule", { listenerArn: "l", action: [], condition: [] }),
    deploymentStrategy: "BLUE_GREEN",
    bakeTimeMinutes: 15,
    healthCheckGraceSeconds: 60,
    execEnabled: false,
    capacity: { fargateBase: 3, fargateWeight: 1, spotWeight: 1 },
    rollbackAlarmNames: ["unhealthy"],
    ...overrides,
  });
}

function build(overrides: Partial<AppServiceProps> = {}): string {
  return synth((scope: Construct) => {
    buildInto(scope, overrides);
  });
}

const containers = (json: string) => {
  const defs: string = resources(json, "aws_ecs_task_definition")[0].container_definitions;
  return defs;
};
const statements = (json: string, sidPrefix = "") =>
  Object.values<any>(parsed(json).data.aws_iam_policy_document)
    .flatMap((d) => d.statement)
    .filter((s) => (s.sid ?? "").startsWith(sidPrefix));

describe("AppService", () => {
  const json = build();

  it("runs a cluster with Container Insights and both Fargate capacity providers", () => {
    expect(json).toHaveResourceWithProperties(EcsCluster, { setting: [{ name: "containerInsights", value: "enhanced" }] });
    expect(json).toHaveResourceWithProperties(EcsClusterCapacityProviders, { capacity_providers: ["FARGATE", "FARGATE_SPOT"] });
  });

  it("splits tasks between on-demand and Spot with an on-demand base", () => {
    expect(json).toHaveResourceWithProperties(EcsService, {
      capacity_provider_strategy: [
        { capacity_provider: "FARGATE", base: 3, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", base: 0, weight: 1 },
      ],
    });
  });

  it("sizes the awsvpc task from config", () => {
    expect(json).toHaveResourceWithProperties(EcsTaskDefinition, {
      network_mode: "awsvpc",
      requires_compatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "ARM64" },
      volume: [{ name: "scratch" }],
    });
  });

  it("runs the container read-only with a scratch volume, a health check and encrypted logs", () => {
    const defs = containers(json);
    expect(defs).toContain('"readonlyRootFilesystem" = true');
    expect(defs).toContain('"containerPath" = "/tmp"');
    expect(defs).toContain('"command" = ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]');
    expect(defs).toContain('"logDriver" = "awslogs"');
    expect(resources(json, "aws_cloudwatch_log_group")[0]).toMatchObject({ retention_in_days: 30, kms_key_id: "${aws_kms_key.key.arn}" });
  });

  it("injects secrets by reference only", () => {
    const defs = containers(json);
    expect(defs).toContain(`"secrets" = [{"name" = "API_KEY", "valueFrom" = "${SECRET}:key::"}, {"name" = "TOKEN", "valueFrom" = "${PARAMETER}"}]`);
  });

  it("lets the execution role read only those secrets", () => {
    expect(statements(json, "ReadApp")).toEqual([
      expect.objectContaining({ actions: ["secretsmanager:GetSecretValue"], resources: [SECRET] }),
      expect.objectContaining({ actions: ["ssm:GetParameters"], resources: [PARAMETER] }),
    ]);
  });

  it("lets the execution role pull only this repository and write only this log group", () => {
    expect(statements(json, "PullAppImage")[0].resources).toEqual(["${aws_ecr_repository.repo.arn}"]);
    expect(statements(json, "WriteAppLogs")[0].resources).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.app_logs_[0-9A-F]+\.arn\}:\*$/)]);
  });

  it("separates the execution role from the task role", () => {
    const def = resources(json, "aws_ecs_task_definition")[0];
    expect(def.execution_role_arn).not.toEqual(def.task_role_arn);
  });

  it("gives the task role nothing without ECS Exec", () => {
    expect(statements(json, "EcsExec")).toEqual([]);
  });

  it("keeps the app's root filesystem read-only by default", () => {
    expect(containers(json)).toContain('"readonlyRootFilesystem" = true');
  });

  it("refuses ECS Exec on a read-only root filesystem, which AWS does not support", () => {
    expect(() => build({ execEnabled: true })).toThrow(
      /ECS Exec does not work on a read-only root filesystem .* pass execEnabled: false or readonlyRootFilesystem: false/,
    );
  });

  it("runs ECS Exec on a writable root filesystem", () => {
    const defs = containers(build({ execEnabled: true, readonlyRootFilesystem: false }));
    expect(defs).toContain('"name" = "app", "image"');
    expect(defs).toMatch(/"name" = "app", [^\n]*"readonlyRootFilesystem" = false/);
  });

  it("waits for the capacity providers, the execution permissions and the blue/green role's policy", () => {
    const service = resources(json, "aws_ecs_service")[0];
    expect(service.depends_on).toEqual([
      "aws_lb_listener_rule.rule",
      expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./),
      expect.stringMatching(/^aws_iam_role_policy\.app_execution-policy/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.app_blue-green-policy/),
    ]);
  });

  it("grants ECS Exec its channels when switched on", () => {
    const exec = build({ execEnabled: true, readonlyRootFilesystem: false });
    expect(statements(exec, "EcsExec")).toHaveLength(1);
    expect(exec).toHaveResourceWithProperties(EcsService, { enable_execute_command: true });
  });

  it("runs in private subnets without public IPs", () => {
    expect(json).toHaveResourceWithProperties(EcsService, {
      network_configuration: { subnets: ["${aws_subnet.a.id}"], security_groups: ["${aws_security_group.sg.id}"], assign_public_ip: false },
    });
  });

  it("deploys blue/green with bake time, circuit breaker and alarm rollback", () => {
    expect(json).toHaveResourceWithProperties(EcsService, {
      deployment_configuration: { strategy: "BLUE_GREEN", bake_time_in_minutes: "15" },
      deployment_circuit_breaker: { enable: true, rollback: true },
      alarms: { alarm_names: ["unhealthy"], enable: true, rollback: true },
      load_balancer: [
        expect.objectContaining({
          advanced_configuration: expect.objectContaining({
            alternate_target_group_arn: "${aws_lb_target_group.green.arn}",
            production_listener_rule: "${aws_lb_listener_rule.rule.arn}",
          }),
        }),
      ],
    });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
    });
  });

  it("deploys rolling without going below the desired count", () => {
    expect(build({ deploymentStrategy: "ROLLING", alternateTargetGroup: undefined })).toHaveResourceWithProperties(EcsService, {
      deployment_configuration: { strategy: "ROLLING" },
      deployment_minimum_healthy_percent: 100,
    });
  });

  it("refuses blue/green without a green target group", () => {
    expect(() => build({ alternateTargetGroup: undefined })).toThrow(/BLUE_GREEN deployments need alternateTargetGroup/);
  });

  describe("on EC2 hosts", () => {
    const ec2 = {
      instanceTypes: ["t4g.small"],
      minHosts: 1,
      maxHosts: 4,
      onDemandBase: 0,
      onDemandPercentAboveBase: 0,
      spotAllocationStrategy: "price-capacity-optimized",
      targetCapacityPercent: 100,
    };
    const hosted = synth((scope: Construct) => {
      const vpc = new Vpc(scope, "vpc", { cidrBlock: "10.0.0.0/16" });
      buildInto(scope, { vpc, capacity: { fargateBase: 0, fargateWeight: 0, spotWeight: 0, ec2 } });
    });
    const provider = "${aws_ecs_capacity_provider.app_hosts_provider_";
    const service = resources(hosted, "aws_ecs_service")[0];

    it("adds the hosts' capacity provider to the cluster's, beside FARGATE and FARGATE_SPOT, in the one capacity providers resource", () => {
      const [providers] = resources(hosted, "aws_ecs_cluster_capacity_providers");
      expect(resources(hosted, "aws_ecs_cluster_capacity_providers")).toHaveLength(1);
      expect(providers.capacity_providers).toEqual(["FARGATE", "FARGATE_SPOT", expect.stringContaining(provider)]);
      expect(providers.default_capacity_provider_strategy).toEqual([{ capacity_provider: expect.stringContaining(provider), base: 0, weight: 1 }]);
    });

    it("places the service's tasks on the hosts only", () => {
      expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: expect.stringContaining(provider), base: 0, weight: 1 }]);
    });

    it("keeps no host running before the first release, minHosts after it", () => {
      const [group] = resources(hosted, "aws_autoscaling_group");
      expect(group.min_size).toMatch(
        new RegExp(`^\\$\\{\\(aws_ssm_parameter\\.app_image-tag_[0-9A-F]+\\.insecure_value != "${UNRELEASED_TAG}"\\) \\? 1 : 0\\}$`),
      );
    });

    it("joins the hosts to the service's own cluster, in the tasks' private subnets", () => {
      const [group] = resources(hosted, "aws_autoscaling_group");
      expect(group.vpc_zone_identifier).toEqual(["${aws_subnet.a.id}"]);
      expect(resources(hosted, "aws_launch_template")[0].user_data).toContain("ECS_CLUSTER=${aws_ecs_cluster.app_cluster_");
    });

    it("keeps the task awsvpc and makes it runnable on EC2 too", () => {
      expect(hosted).toHaveResourceWithProperties(EcsTaskDefinition, { network_mode: "awsvpc", requires_compatibilities: ["FARGATE", "EC2"] });
    });

    it("sets no Fargate platform version on EC2", () => {
      expect(service.platform_version).toBeUndefined();
    });

    it("waits for the cluster's capacity providers, which now include the hosts'", () => {
      expect(service.depends_on).toContainEqual(expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./));
    });

    it("runs on Fargate only without capacity.ec2", () => {
      expect(resources(json, "aws_autoscaling_group")).toHaveLength(0);
      expect(json).toHaveResourceWithProperties(EcsTaskDefinition, { requires_compatibilities: ["FARGATE"] });
    });

    it("refuses EC2 hosts without the VPC for their security group", () => {
      expect(() => build({ capacity: { fargateBase: 0, fargateWeight: 0, spotWeight: 0, ec2 } })).toThrow(/capacity.ec2 needs the vpc/);
    });
  });

  describe("canary and linear releases", () => {
    const HOOK = "arn:aws:lambda:eu-central-1:111111111111:function:notes-smoke-test";
    const canary = build({ deploymentStrategy: "CANARY", canary: { percent: 10, bakeTimeMinutes: 10 } });
    const linear = build({ deploymentStrategy: "LINEAR", linear: { stepPercent: 25, stepBakeTimeMinutes: 5 } });
    const hooked = build({ deploymentStrategy: "CANARY", canary: { percent: 10, bakeTimeMinutes: 10 }, testHook: { lambdaArn: HOOK, stage: "POST_SCALE_UP" } });
    const service = (json: string) => resources(json, "aws_ecs_service")[0];

    it("deploys a canary with ECS's canary_configuration and the final bake time", () => {
      expect(service(canary).deployment_configuration).toEqual({
        strategy: "CANARY",
        bake_time_in_minutes: "15",
        canary_configuration: { canary_percent: 10, canary_bake_time_in_minutes: "10" },
      });
    });

    it("deploys linearly with ECS's linear_configuration", () => {
      expect(service(linear).deployment_configuration).toEqual({
        strategy: "LINEAR",
        bake_time_in_minutes: "15",
        linear_configuration: { step_percent: 25, step_bake_time_in_minutes: "5" },
      });
    });

    it.each([
      ["CANARY", canary],
      ["LINEAR", linear],
    ])("rolls a %s release back on the same alarms as blue/green", (_strategy, json) => {
      expect(service(json).alarms).toEqual({ alarm_names: ["unhealthy"], enable: true, rollback: true });
      expect(service(json).deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    });

    it.each([
      ["CANARY", canary],
      ["LINEAR", linear],
    ])("shifts a %s release through the production listener rule to the green target group, with ECS's load balancer role", (_strategy, json) => {
      expect(service(json).load_balancer[0].advanced_configuration).toEqual({
        alternate_target_group_arn: "${aws_lb_target_group.green.arn}",
        production_listener_rule: "${aws_lb_listener_rule.rule.arn}",
        role_arn: expect.stringMatching(/^\$\{aws_iam_role\.app_blue-green-role_[^.]+\.arn\}$/),
      });
    });

    it("runs no test hook unless one is configured", () => {
      expect(service(canary).deployment_configuration.lifecycle_hook).toBeUndefined();
      expect(resources(canary, "aws_iam_role").map((r) => r.name)).not.toContain("notes-dev-ecs-test-hook");
    });

    it("invokes the configured test hook at its stage through a role of its own", () => {
      expect(service(hooked).deployment_configuration.lifecycle_hook).toEqual([
        { hook_target_arn: HOOK, lifecycle_stages: ["POST_SCALE_UP"], role_arn: expect.stringMatching(/^\$\{aws_iam_role\.app_test-hook_role_[^.]+\.arn\}$/) },
      ]);
    });

    it("waits for the test hook role's permission before the first deployment", () => {
      expect(service(hooked).depends_on).toContainEqual(expect.stringMatching(/^aws_iam_role_policy\.app_test-hook_policy_/));
    });

    it("refuses a canary without a green target group", () => {
      expect(() => build({ deploymentStrategy: "CANARY", canary: { percent: 10, bakeTimeMinutes: 10 }, alternateTargetGroup: undefined })).toThrow(
        /CANARY deployments need alternateTargetGroup/,
      );
    });
  });

  it("does not fight the pipeline: the image tag is read from the parameter it writes", () => {
    expect(json).toHaveResourceWithProperties(SsmParameter, { name: "/notes/dev/app/image-tag", lifecycle: { ignore_changes: ["insecure_value"] } });
    expect(containers(json)).toContain('"image" = "${aws_ecr_repository.repo.repository_url}:${aws_ssm_parameter.app_image-tag_');
  });

  it("runs no collector without tracing", () => {
    expect(containers(json)).not.toContain("otel-collector");
  });

  it("adds the OpenTelemetry collector beside the app with tracing", () => {
    const traced = build({ tracing: {} });
    const defs = containers(traced);
    expect(defs).toContain('"name" = "otel-collector", "image" = "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.0", "essential" = false');
    expect(defs).toContain('{"name" = "OTEL_EXPORTER_OTLP_ENDPOINT", "value" = "http://localhost:4317"}');
    expect(defs).toContain('"dependsOn" = [{"containerName" = "otel-collector", "condition" = "START"}]');
    expect(
      resources(traced, "aws_cloudwatch_log_group")
        .map((g) => g.name)
        .sort(),
    ).toEqual(["/notes/dev/app", "/notes/dev/otel-collector"]);
  });

  it("lets the task role send traces, and write metrics only to its Prometheus workspace", () => {
    const traced = build({ tracing: { prometheus: { workspaceArn: "arn:aws:aps:eu-central-1:111111111111:workspace/ws-1", endpoint: "https://aps/ws-1/" } } });
    expect(statements(traced, "SendTraces")[0].actions).toContain("xray:PutTraceSegments");
    expect(statements(traced, "WriteMetrics")).toEqual([
      expect.objectContaining({ actions: ["aps:RemoteWrite"], resources: ["arn:aws:aps:eu-central-1:111111111111:workspace/ws-1"] }),
    ]);
    expect(containers(traced)).toContain("endpoint: https://aps/ws-1/api/v1/remote_write");
  });

  it("leaves the task count to autoscaling", () => {
    expect(json).toHaveResourceWithProperties(EcsService, {
      lifecycle: { ignore_changes: ["desired_count"] },
      health_check_grace_period_seconds: 60,
    });
  });

  it("starts with no task before the first release and with the desired count after it", () => {
    const [service] = resources(json, "aws_ecs_service");
    const [tag] = Object.keys(parsed(json).resource.aws_ssm_parameter);
    expect(service.desired_count).toBe(`\${(aws_ssm_parameter.${tag}.insecure_value != "${UNRELEASED_TAG}") ? 2 : 0}`);
  });
});
