import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { exampleConfig, parsed } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

const config = exampleConfig();
const { project, accountId: stateAccount, region: stateRegion } = config.state;

describe("CiAccessStack", () => {
  const json = synthesizedStack("ci-prod");

  it("keeps its state beside the environment's, in the CI account's bucket", () => {
    expect(parsed(json).terraform.backend.s3).toMatchObject({ bucket: `${project}-state-${stateAccount}-${stateRegion}`, key: "ci-prod.tfstate" });
  });

  it("can only be applied to the environment's account, through the profile named for it", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      allowed_account_ids: [config.environments.prod.accountId],
      profile: '${(var.account_profile == "none") ? null : var.account_profile}',
    });
  });

  it("creates the roles the CI account's roles assume", () => {
    const roles = Object.values<any>(parsed(json).resource.aws_iam_role)
      .map((r) => r.name)
      .sort();
    expect(roles).toEqual([`${config.environments.prod.project}-prod-ci-apply`, `${config.environments.prod.project}-prod-ci-plan`]);
  });
});

describe("EnvironmentStack in CI", () => {
  const json = parsed(synthesizedStack("dev"));

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
      `[profile ci]\nrole_arn = arn:aws:iam::${config.environments.dev.accountId}:role/${config.environments.dev.project}-dev-ci-apply\ncredential_source = Environment\nrole_session_name = apply-dev-42\nduration_seconds = 3600\n`,
    );
  });
});
