import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { parse } from "yaml";
import { remoteState } from "../../src/stacks/state-names";
import { exampleConfig, parsed } from "../helpers";

const state = exampleConfig().state;
const requiredVersion = (locking: typeof state.locking): string => {
  const stack = new TerraformStack(Testing.app(), "stack");
  remoteState(stack, { ...state, locking }, "stack.tfstate");
  return parsed(Testing.synth(stack)).terraform.required_version;
};

describe("remoteState required_version", () => {
  it("needs Terraform 1.4 (terraform_data) with DynamoDB locking", () => {
    expect(requiredVersion("dynamodb")).toBe(">= 1.4");
  });

  it.each(["s3", "both"] as const)("needs Terraform 1.10 once S3 lock files are on (%s)", (locking) => {
    expect(requiredVersion(locking)).toBe(">= 1.10");
  });

  it("is met by the Terraform the workflow plans and applies with", () => {
    const workflow = parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", "infrastructure.yml"), "utf8"));
    const versions = Object.values<any>(workflow.jobs).flatMap((job) =>
      job.steps.filter((step: any) => String(step.uses).startsWith("hashicorp/setup-terraform@")).map((step: any) => String(step.with.terraform_version)),
    );
    expect(versions.length).toBeGreaterThan(0);
    const [needMajor, needMinor] = requiredVersion("s3").replace(">= ", "").split(".").map(Number);
    for (const version of versions) {
      const [major, minor] = version.split(".").map(Number);
      expect(major > needMajor || (major === needMajor && minor >= needMinor)).toBe(true);
    }
  });
});

describe("remoteState failover", () => {
  const backend = (failover: boolean) => {
    const stack = new TerraformStack(Testing.app(), "stack");
    remoteState(stack, { ...state, failover }, "stack.tfstate");
    return parsed(Testing.synth(stack)).terraform.backend.s3;
  };

  it("uses the home bucket, region and key while failover is off", () => {
    expect(backend(false)).toMatchObject({
      bucket: `${state.project}-state-${state.accountId}-${state.region}`,
      region: state.region,
      kms_key_id: `arn:aws:kms:${state.region}:${state.accountId}:alias/${state.project}-state/terraform-state`,
    });
  });

  it("switches to the DR copy's bucket, region and key (same alias) with failover", () => {
    expect(backend(true)).toMatchObject({
      bucket: `${state.project}-state-${state.accountId}-${state.drRegion}`,
      region: state.drRegion,
      kms_key_id: `arn:aws:kms:${state.drRegion}:${state.accountId}:alias/${state.project}-state/terraform-state`,
    });
  });

  it("keeps the key and the lock table's name: the table's replica answers there", () => {
    expect(backend(true)).toMatchObject({ key: "stack.tfstate", dynamodb_table: backend(false).dynamodb_table });
  });
});
