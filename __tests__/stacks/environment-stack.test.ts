import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { ENVIRONMENT_NAMES } from "../../src/config/schema";
import { exampleConfig, parsed, resources } from "../helpers";
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

describe("EnvironmentStack workspaces", () => {
  it("puts the workspace into dev names", () => {
    expect(synthesized.dev).toContain('"Name": "notes-dev${local.workspace_suffix}-vpc"');
  });

  it("keeps prod names literal: prod refuses other workspaces", () => {
    expect(synthesized.prod).toContain('"Name": "notes-prod-vpc"');
    expect(synthesized.prod).not.toContain("workspace_suffix");
  });
});

describe("EnvironmentStack audit", () => {
  it("records prod's API activity, with GuardDuty and the CIS alarms", () => {
    const json = synthesized.prod;
    expect(resources(json, "aws_cloudtrail").map((t) => [t.name, t.is_multi_region_trail])).toEqual([["notes-prod-audit", true]]);
    expect(resources(json, "aws_guardduty_detector")).toEqual([expect.objectContaining({ enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" })]);
    expect(resources(json, "aws_cloudwatch_log_metric_filter").filter((f) => f.name.startsWith("notes-prod-audit-"))).toHaveLength(8);
  });

  it("keeps prod's log files two years, in Glacier Instant Retrieval after 90 days", () => {
    const lifecycle = resources(synthesized.prod, "aws_s3_bucket_lifecycle_configuration").find((l) => l.rule.some((r: any) => r.id === "transition-objects"));
    expect(lifecycle.rule.find((r: any) => r.id === "transition-objects").transition).toEqual([{ days: 90, storage_class: "GLACIER_IR" }]);
    expect(lifecycle.rule.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: 731 }]);
  });

  it.each(["dev", "test"] as const)("has none in %s (cost)", (name) => {
    expect(resources(synthesized[name], "aws_cloudtrail")).toEqual([]);
    expect(resources(synthesized[name], "aws_guardduty_detector")).toEqual([]);
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
