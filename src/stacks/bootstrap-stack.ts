import { Construct } from "constructs";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { StateConfig } from "../config/schema";
import { StateBackend } from "../constructs/state-backend";
import { stateNames } from "./state-names";

/**
 * Applied once, with local state, before any environment: creates the bucket and lock table that
 * every environment's S3 backend uses. Its own state file stays beside the repo (gitignored).
 */
export class BootstrapStack extends TerraformStack {
  public readonly backend: StateBackend;

  constructor(scope: Construct, id: string, state: StateConfig, repository: string) {
    super(scope, id);
    // cdktf runs terraform in cdktf.out/stacks/<id>; keep the state outside it, at the repo root.
    new LocalBackend(this, { path: "../../../terraform.bootstrap.tfstate" });
    new AwsProvider(this, "aws", {
      region: state.region,
      allowedAccountIds: [state.accountId],
      defaultTags: [{ tags: { Project: state.project, Environment: "state", ManagedBy: "cdktf", Repository: repository } }],
    });
    const names = stateNames(state);
    this.backend = new StateBackend(this, "state", {
      naming: names.naming,
      accountId: state.accountId,
      bucketName: names.bucket,
      lockTableName: names.lockTable,
      noncurrentVersionExpirationDays: state.noncurrentVersionExpirationDays,
    });
    new TerraformOutput(this, "state_bucket", { value: this.backend.bucket.bucket.bucket });
    new TerraformOutput(this, "lock_table", { value: this.backend.lockTable.name });
  }
}
