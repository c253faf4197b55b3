import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { ENVIRONMENT_NAMES } from "../../src/config/schema";
import { exampleConfig, parsed } from "../helpers";
import { dependencyCycle } from "../support/dependency-graph";

const config = exampleConfig();
const synthesized = Object.fromEntries(
  ENVIRONMENT_NAMES.map((name) => [name, Testing.synth(new EnvironmentStack(Testing.app(), config.environments[name], config.state))]),
) as Record<(typeof ENVIRONMENT_NAMES)[number], string>;

describe.each(ENVIRONMENT_NAMES)("EnvironmentStack %s", (name) => {
  const json = synthesized[name];
  const env = config.environments[name];

  it("matches its snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  it("stores state in the shared bucket under its own key, locked and encrypted", () => {
    expect(parsed(json).terraform.backend.s3).toEqual({
      bucket: "notes-state-444444444444-eu-central-1",
      key: `${name}.tfstate`,
      workspace_key_prefix: "workspaces",
      region: "eu-central-1",
      encrypt: true,
      kms_key_id: "arn:aws:kms:eu-central-1:444444444444:alias/notes-state/terraform-state",
      dynamodb_table: "notes-state-locks",
    });
  });

  it("can only be applied to its own account, and tags everything", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      region: env.region,
      allowed_account_ids: [env.accountId],
      default_tags: [{ tags: { Project: "notes", Environment: name, ManagedBy: "cdktf", Repository: "example-org/notes-platform" } }],
    });
  });

  it("has a provider alias for the DR region", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { alias: "dr", region: env.drRegion, allowed_account_ids: [env.accountId] });
  });

  it("has no dependency cycle between resources", () => {
    expect(dependencyCycle(parsed(json))).toBeUndefined();
  });
});

describe("EnvironmentStack release pipeline", () => {
  const stages = (name: (typeof ENVIRONMENT_NAMES)[number]) =>
    Object.values<any>(parsed(synthesized[name]).resource.aws_codepipeline)[0].stage.map((s: any) => s.name);

  it("asks for approval in prod only", () => {
    expect(stages("prod")).toEqual(["Source", "Test", "Build", "Approve", "Migrate", "Deploy"]);
    expect(stages("dev")).toEqual(["Source", "Test", "Build", "Migrate", "Deploy"]);
    expect(stages("test")).toEqual(["Source", "Test", "Build", "Migrate", "Deploy"]);
  });

  it("deploys this stack's service and records the tag in the parameter its task definition reads", () => {
    const json = parsed(synthesized.prod);
    const pipeline = Object.values<any>(json.resource.aws_codepipeline)[0];
    const deploy = pipeline.stage.find((s: any) => s.name === "Deploy").action.find((a: any) => a.provider === "ECS");
    expect(deploy.configuration).toEqual({
      ClusterName: "${aws_ecs_cluster.app_cluster_676669F2.name}",
      ServiceName: "${aws_ecs_service.app_service_BCE5FF06.name}",
      FileName: "imagedefinitions.json",
    });
    const release = Object.values<any>(json.resource.aws_codebuild_project).find((p) => p.name === "notes-prod-app-release");
    expect(release.source.buildspec).toContain('"IMAGE_TAG_PARAMETER": "${aws_ssm_parameter.app_image-tag_C16C7C85.name}"');
  });

  it("releases from the environment's repository and branch, built for the app's architecture", () => {
    const json = parsed(synthesized.dev);
    const source = Object.values<any>(json.resource.aws_codepipeline)[0].stage[0].action[0];
    expect(source.configuration).toMatchObject({ FullRepositoryId: "example-org/notes-platform", BranchName: "main" });
    const image = Object.values<any>(json.resource.aws_codebuild_project).find((p) => p.name.endsWith("-app-image"));
    expect(image.environment).toMatchObject({ image: "aws/codebuild/amazonlinux-aarch64-standard:3.0", type: "ARM_CONTAINER" });
  });

  it("outputs the GitHub connection to approve", () => {
    expect(parsed(synthesized.dev).output.codestar_connection_arn.value).toBe("${aws_codestarconnections_connection.pipeline_github_291DAC21.arn}");
  });
});

describe("EnvironmentStack workspaces", () => {
  it("puts the workspace into dev names", () => {
    expect(synthesized.dev).toContain('"Name": "notes-dev${local.workspace_suffix}-vpc"');
  });

  it("keeps prod names literal: prod refuses other workspaces", () => {
    expect(synthesized.prod).toContain('"Name": "notes-prod-vpc"');
    expect(synthesized.prod).not.toContain("workspace_suffix");
  });
});

describe("EnvironmentStack locking", () => {
  it("switches to S3 native lock files", () => {
    const stack = new EnvironmentStack(Testing.app(), config.environments.dev, { ...config.state, locking: "s3" });
    const backend = parsed(Testing.synth(stack)).terraform.backend.s3;
    expect(backend.use_lockfile).toBe(true);
    expect(backend.dynamodb_table).toBeUndefined();
  });

  it("uses both while migrating", () => {
    const stack = new EnvironmentStack(Testing.app(), config.environments.dev, { ...config.state, locking: "both" });
    const backend = parsed(Testing.synth(stack)).terraform.backend.s3;
    expect(backend).toMatchObject({ use_lockfile: true, dynamodb_table: "notes-state-locks" });
  });
});
