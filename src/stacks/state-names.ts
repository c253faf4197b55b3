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
