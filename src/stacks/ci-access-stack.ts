import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { EnvironmentConfig, StateConfig } from "../config/schema";
import { CiAccess } from "../access/ci-access";
import { dnsRoleArn } from "../access/dns-record-writer";
import { Naming } from "../naming";
import { PlatformStack, platformTags } from "./platform-stack";

/**
 * Applied once per environment account by an administrator (like the bootstrap stack), with
 * state-account credentials and TF_VAR_account_profile naming their profile for the environment's
 * account: the roles CI assumes there. Named `ci-<environment>`; its state sits beside the
 * environment's.
 */
export class CiAccessStack extends PlatformStack {
  public readonly access: CiAccess;

  constructor(scope: Construct, config: EnvironmentConfig, state: StateConfig) {
    super(scope, `ci-${config.name}`, {
      backend: { remote: state, key: `ci-${config.name}.tfstate` },
      region: config.region,
      accountId: config.accountId,
      tags: platformTags(config.project, config.name, `${config.repository.owner}/${config.repository.name}`),
    });
    const ci = new Naming({ project: state.project, environment: "ci" });
    this.access = new CiAccess(this, "ci-access", {
      project: config.project,
      environment: config.name,
      ciAccountId: state.accountId,
      accountId: config.accountId,
      ciRoleNames: { plan: ci.name("iamRole", "plan"), apply: ci.name("iamRole", "apply") },
      dnsRoleArn: dnsRoleArn(state.dns.accountId, config.project, config.name),
    });
    new TerraformOutput(this, "ci_plan_role_arn", { value: this.access.roles.plan.arn });
    new TerraformOutput(this, "ci_apply_role_arn", { value: this.access.roles.apply.arn });
  }
}
