import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { StateConfig } from "../config/schema";
import { CI_ROLES, CiRole, ciRoleName } from "../access/ci-access";
import { GithubOidc } from "../access/github-oidc";
import { StateBackend } from "../access/state-backend";
import { Naming } from "../naming";
import { PlatformStack, platformTags } from "./platform-stack";
import { requireTerraform, stateNames } from "./state-names";

/**
 * Applied once, with local state, before any environment: creates the bucket and lock table that
 * every environment's S3 backend uses, and the roles GitHub Actions plans and applies with (OIDC).
 * Its own state file stays beside the repo (gitignored).
 */
export class BootstrapStack extends PlatformStack {
  public readonly backend: StateBackend;
  public readonly github: GithubOidc;

  /**
   * `repository`: `owner/name`, for tags and the only repository the CI roles trust;
   * `accounts`: each environment's account, whose `ci-<environment>` roles the CI roles may assume.
   */
  constructor(scope: Construct, id: string, state: StateConfig, repository: string, accounts: Record<string, string>) {
    super(scope, id, {
      // cdktf runs terraform in cdktf.out/stacks/<id>; keep the state outside it, at the repo root.
      backend: { localPath: "../../../terraform.bootstrap.tfstate" },
      region: state.region,
      accountId: state.accountId,
      tags: platformTags(state.project, "state", repository),
    });
    requireTerraform(this, state);
    const names = stateNames(state);
    this.backend = new StateBackend(this, "state", {
      naming: names.naming,
      accountId: state.accountId,
      bucketName: names.bucket,
      lockTableName: names.lockTable,
      accessLogsBucketName: names.accessLogsBucket,
      noncurrentVersionExpirationDays: state.noncurrentVersionExpirationDays,
      region: state.region,
      dr: { region: state.drRegion, provider: this.aliasedProvider("dr", state.drRegion), bucketName: names.drBucket },
    });
    const { drBucket, drKey } = this.backend;
    new TerraformOutput(this, "state_bucket", { value: this.backend.bucket.bucket.bucket });
    new TerraformOutput(this, "lock_table", { value: this.backend.lockTable.name });
    new TerraformOutput(this, "state_dr_bucket", { value: drBucket.bucket.bucket, description: "the state's copy, used with state.failover" });

    this.github = new GithubOidc(this, "github", {
      naming: new Naming({ project: state.project, environment: "ci" }),
      accountId: state.accountId,
      repository,
      branch: state.ci.branch,
      environments: state.ci.environments,
      environmentRoles: Object.fromEntries(
        CI_ROLES.map((role) => [
          role,
          Object.entries(accounts).map(([env, account]) => `arn:aws:iam::${account}:role/${ciRoleName(state.project, env, role)}`),
        ]),
      ) as Record<CiRole, string[]>,
      state: {
        bucketArn: this.backend.bucket.bucket.arn,
        lockTableArn: this.backend.lockTable.arn,
        keyArn: this.backend.key.key.arn,
        region: state.region,
        lockfile: state.locking !== "dynamodb",
        // IAM outlives a region: the roles may already use the copy the backends switch to.
        dr: {
          bucketArn: drBucket.bucket.arn,
          lockTableArn: `arn:aws:dynamodb:${state.drRegion}:${state.accountId}:table/${names.lockTable}`,
          keyArn: drKey.key.arn,
          region: state.drRegion,
        },
      },
    });
    // The workflow reads these from repository variables (README, "Reviewing changes in CI").
    new TerraformOutput(this, "ci_plan_role_arn", { value: this.github.planRole.arn, description: "repository variable AWS_PLAN_ROLE_ARN" });
    new TerraformOutput(this, "ci_apply_role_arn", { value: this.github.applyRole.arn, description: "repository variable AWS_APPLY_ROLE_ARN" });
  }
}
