import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CiAccessStack } from "../../src/stacks/ci-access-stack";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { exampleConfig, parsed } from "../helpers";

const config = exampleConfig();

describe("CiAccessStack", () => {
  const json = Testing.synth(new CiAccessStack(Testing.app(), config.environments.prod, config.state));

  it("keeps its state beside the environment's, in the CI account's bucket", () => {
    expect(parsed(json).terraform.backend.s3).toMatchObject({ bucket: "notes-state-444444444444-eu-central-1", key: "ci-prod.tfstate" });
  });

  it("can only be applied to the environment's account, through the profile named for it", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      allowed_account_ids: ["333333333333"],
      profile: '${(var.account_profile == "none") ? null : var.account_profile}',
    });
  });

  it("creates the roles the CI account's roles assume", () => {
    const roles = Object.values<any>(parsed(json).resource.aws_iam_role).map((r) => r.name).sort();
    expect(roles).toEqual(["notes-prod-ci-apply", "notes-prod-ci-plan"]);
  });
});

describe("EnvironmentStack in CI", () => {
  const json = parsed(Testing.synth(new EnvironmentStack(Testing.app(), config.environments.dev, config.state)));

  it("uses the AWS profile CI names, and the caller's credentials otherwise", () => {
    expect(json.variable.account_profile).toMatchObject({ type: "string", default: "none" });
    for (const provider of json.provider.aws) expect(provider.profile).toBe('${(var.account_profile == "none") ? null : var.account_profile}');
    expect(json.terraform.backend.s3.profile).toBeUndefined();
  });

  it("gets a CI profile that assumes the environment's role for the job", () => {
    const dir = mkdtempSync(join(tmpdir(), "ci-profile-"));
    mkdirSync(join(dir, "cdktf.out", "stacks", "dev"), { recursive: true });
    writeFileSync(join(dir, "cdktf.out", "stacks", "dev", "cdk.tf.json"), JSON.stringify(json));
    const script = join(__dirname, "..", "..", ".github", "scripts", "aws-ci-profile.sh");
    execFileSync("bash", [script, "dev", "apply"], { cwd: dir, env: { ...process.env, HOME: dir, GITHUB_RUN_ID: "42" } });
    expect(readFileSync(join(dir, ".aws", "config"), "utf8")).toBe(
      "[profile ci]\nrole_arn = arn:aws:iam::111111111111:role/notes-dev-ci-apply\ncredential_source = Environment\nrole_session_name = apply-dev-42\nduration_seconds = 3600\n",
    );
  });
});
