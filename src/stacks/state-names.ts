import { Fn, Op, S3Backend, TerraformStack, TerraformVariable, Token } from "cdktf";
import { StateConfig } from "../config/schema";
import { Naming } from "../naming";

/** Names of the state bucket, lock table and key alias: the bootstrap creates them, every backend uses them. */
export function stateNames(state: StateConfig) {
  const naming = new Naming({ project: state.project, environment: "state" });
  return {
    naming,
    bucket: naming.name("s3Bucket", state.accountId, state.region),
    /** The state bucket's copy in the DR region, which the backends use with `state.failover`. */
    drBucket: naming.name("s3Bucket", state.accountId, state.drRegion),
    /** The state bucket's server access logs, in its region. */
    accessLogsBucket: naming.name("s3Bucket", "access-logs", state.accountId, state.region),
    lockTable: naming.name("dynamodbTable", "locks"),
    keyAlias: naming.kmsAlias("terraform-state"),
  };
}

/**
 * The Terraform versions every stack declares (`required_version`): 1.4 for `terraform_data` (the
 * workspace guard), 1.10 once the state is locked by S3 lock files (`use_lockfile`, `state.locking`
 * s3 or both). The plan-review workflow runs 1.12.
 */
export function requireTerraform(stack: TerraformStack, state: StateConfig): void {
  stack.addOverride("terraform.required_version", state.locking === "dynamodb" ? ">= 1.4" : ">= 1.10");
}

/**
 * The S3 backend every stack but the bootstrap uses: the shared bucket, encrypted with the state
 * key, locked by the table and/or S3 lock files (`state.locking`). Non-default workspaces keep their
 * state at workspaces/<workspace>/<key>. With `state.failover`, the same in the DR region's copy.
 */
export function remoteState(stack: TerraformStack, state: StateConfig, key: string): S3Backend {
  requireTerraform(stack, state);
  const names = stateNames(state);
  // With failover, the copy in the DR region: its bucket, its key under the same alias, the table's replica there.
  const region = state.failover ? state.drRegion : state.region;
  const backend = new S3Backend(stack, {
    bucket: state.failover ? names.drBucket : names.bucket,
    key,
    workspaceKeyPrefix: "workspaces",
    region,
    encrypt: true,
    kmsKeyId: `arn:aws:kms:${region}:${state.accountId}:${names.keyAlias}`,
    ...(state.locking === "s3" ? {} : { dynamodbTable: names.lockTable }),
  });
  if (state.locking !== "dynamodb") backend.addOverride("use_lockfile", true);
  return backend;
}

/**
 * The AWS profile the provider uses for an environment's account, while the backend keeps the
 * caller's credentials, which reach the state in the state account. CI sets
 * TF_VAR_account_profile=ci (a profile that assumes the account's ci-plan or ci-apply role, written
 * per job); a person sets it to their own profile for that account. Left at "none" (cdktf drops
 * "" and null from expressions), provider and backend share the caller's credentials: state and
 * environment in one account.
 */
export function accountProfile(stack: TerraformStack): string {
  const variable: TerraformVariable = new TerraformVariable(stack, "account_profile", {
    type: "string",
    default: "none",
    description: "AWS profile for this environment's account (CI: ci); none: the caller's credentials",
  });
  return Token.asString(Fn.conditional(Op.eq(variable.stringValue, "none"), Token.nullValue(), variable.stringValue));
}
