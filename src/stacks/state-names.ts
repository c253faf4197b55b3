import { S3Backend, TerraformStack } from "cdktf";
import { StateConfig } from "../config/schema";
import { Naming } from "../naming";

/** Names of the state bucket, lock table and key alias: the bootstrap creates them, every backend uses them. */
export function stateNames(state: StateConfig) {
  const naming = new Naming({ project: state.project, environment: "state" });
  return {
    naming,
    bucket: naming.name("s3Bucket", state.accountId, state.region),
    lockTable: naming.name("dynamodbTable", "locks"),
    keyAlias: naming.kmsAlias("terraform-state"),
  };
}

/**
 * The S3 backend every stack but the bootstrap uses: the shared bucket, encrypted with the state
 * key, locked by the table and/or S3 lock files (`state.locking`). Non-default workspaces keep their
 * state at workspaces/<workspace>/<key>.
 */
export function remoteState(stack: TerraformStack, state: StateConfig, key: string): S3Backend {
  const names = stateNames(state);
  const backend = new S3Backend(stack, {
    bucket: names.bucket,
    key,
    workspaceKeyPrefix: "workspaces",
    region: state.region,
    encrypt: true,
    kmsKeyId: `arn:aws:kms:${state.region}:${state.accountId}:${names.keyAlias}`,
    ...(state.locking === "s3" ? {} : { dynamodbTable: names.lockTable }),
  });
  if (state.locking !== "dynamodb") backend.addOverride("use_lockfile", true);
  return backend;
}
