import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Naming } from "../naming";

/** The two ways CI works in an environment's account; the environment stack's `ci_role` variable picks one. */
export const CI_ROLES = ["plan", "apply"] as const;
export type CiRole = (typeof CI_ROLES)[number];

/**
 * `<project>-<environment>-ci-<role>`: the same in every workspace, so preview copies use it too.
 * `role` may be a token (the environment stack's `ci_role` variable).
 */
export function ciRoleName(project: string, environment: string, role: CiRole | string): string {
  const naming = new Naming({ project, environment });
  // The longest of these names must pass the IAM role rules.
  naming.name("iamRole", "ci", "apply");
  return `${naming.prefix}-ci-${role}`;
}

/** Every IAM action that changes a role or policy: what a boundary denies on the CI's own access. */
export const IAM_WRITE_ACTIONS = [
  "iam:Add*",
  "iam:Attach*",
  "iam:Create*",
  "iam:Delete*",
  "iam:Detach*",
  "iam:Put*",
  "iam:Remove*",
  "iam:Set*",
  "iam:Tag*",
  "iam:Untag*",
  "iam:Update*",
] as const;

export interface CiAccessProps {
  readonly project: string;
  readonly environment: string;
  /** The account of the state and of the GitHub OIDC roles (bootstrap stack). */
  readonly ciAccountId: string;
  /** The environment's account, where the roles and the boundary are (the boundary names them by ARN). */
  readonly accountId: string;
  /** Names of the roles GitHub Actions assumes there: each may assume only its counterpart here. */
  readonly ciRoleNames: Record<CiRole, string>;
  /**
   * The environment's record-writer role in the zone's account (the dns stack): ci-plan may assume
   * it, since its plans read the zone and the records through it and ReadOnlyAccess grants no
   * sts:AssumeRole (ci-apply's AdministratorAccess does).
   * @default none
   */
  readonly dnsRoleArn?: string;
}

/** `<project>-<environment>-ci-apply-boundary`: the permissions boundary of the account's apply role. */
export function ciBoundaryName(project: string, environment: string): string {
  return new Naming({ project, environment }).name("iamPolicy", "ci", "apply-boundary");
}

/**
 * The roles CI uses in an environment's own account: `ci-plan` (ReadOnlyAccess) and `ci-apply`
 * (AdministratorAccess: the stacks create IAM roles and resources of most services), each
 * assumable only by the matching role of the CI account. Terraform's state stays in the CI
 * account; only the AWS provider assumes these.
 *
 * Like the state account's apply role, `ci-apply` works within a permissions boundary that allows
 * everything but changing the CI's own access here (these roles and the boundary). Both roles are
 * assumed with another role's credentials, and such a chained session lasts at most one hour
 * whatever the role's maximum (IAM user guide, "Role chaining"), so they keep the one-hour default.
 */
export class CiAccess extends Construct {
  public readonly roles: Record<CiRole, IamRole>;
  public readonly applyBoundary: IamPolicy;

  constructor(scope: Construct, id: string, props: CiAccessProps) {
    super(scope, id);
    const iamArn = (resource: string) => `arn:aws:iam::${props.accountId}:${resource}`;
    const boundaryName = ciBoundaryName(props.project, props.environment);
    this.applyBoundary = new IamPolicy(this, "apply-boundary", {
      name: boundaryName,
      description: `Most the CI may do in ${props.environment}: all but changing its own access`,
      policy: new DataAwsIamPolicyDocument(this, "apply-boundary-policy", {
        statement: [
          { sid: "Deploy", actions: ["*"], resources: ["*"] },
          {
            sid: "KeepCiAccess",
            effect: "Deny",
            actions: [...IAM_WRITE_ACTIONS],
            // By ARN: a reference to the roles would be a cycle (the apply role names the boundary).
            resources: [...CI_ROLES.map((r) => iamArn(`role/${ciRoleName(props.project, props.environment, r)}`)), iamArn(`policy/${boundaryName}`)],
          },
        ],
      }).json,
    });
    const role = (name: CiRole, policyArn: string, permissionsBoundary?: string) => {
      const trust = new DataAwsIamPolicyDocument(this, `${name}-trust`, {
        statement: [
          {
            sid: "CiAccount",
            actions: ["sts:AssumeRole", "sts:TagSession"],
            principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${props.ciAccountId}:role/${props.ciRoleNames[name]}`] }],
          },
        ],
      });
      const created = new IamRole(this, `${name}-role`, {
        name: ciRoleName(props.project, props.environment, name),
        description: `CI: terraform ${name} of ${props.environment}`,
        assumeRolePolicy: trust.json,
        permissionsBoundary,
      });
      new IamRolePolicyAttachment(this, `${name}-policy`, { role: created.name, policyArn });
      return created;
    };
    this.roles = {
      plan: role("plan", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
      apply: role("apply", "arn:aws:iam::aws:policy/AdministratorAccess", this.applyBoundary.arn),
    };
    if (props.dnsRoleArn) {
      new IamRolePolicy(this, "plan-dns", {
        name: "assume-dns-role",
        role: this.roles.plan.id,
        policy: new DataAwsIamPolicyDocument(this, "plan-dns-policy", {
          statement: [{ sid: "ReadTheZone", actions: ["sts:AssumeRole"], resources: [props.dnsRoleArn] }],
        }).json,
      });
    }
  }
}
