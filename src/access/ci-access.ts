import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
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

export interface CiAccessProps {
  readonly project: string;
  readonly environment: string;
  /** The account of the state and of the GitHub OIDC roles (bootstrap stack). */
  readonly ciAccountId: string;
  /** Names of the roles GitHub Actions assumes there: each may assume only its counterpart here. */
  readonly ciRoleNames: Record<CiRole, string>;
  /**
   * The environment's record-writer role in the zone's account (the dns stack): ci-plan may assume
   * it, since its plans read the zone and the records through it and ReadOnlyAccess grants no
   * sts:AssumeRole (ci-apply's AdministratorAccess does).
   * @default none
   */
  readonly dnsRoleArn?: string;
  /**
   * Longest apply session: a slow apply must not lose its credentials halfway.
   * @default 7200
   */
  readonly applyMaxSessionSeconds?: number;
}

/**
 * The roles CI uses in an environment's own account: `ci-plan` (ReadOnlyAccess) and `ci-apply`
 * (AdministratorAccess: the stacks create IAM roles and resources of most services), each
 * assumable only by the matching role of the CI account. Terraform's state stays in the CI
 * account; only the AWS provider assumes these.
 */
export class CiAccess extends Construct {
  public readonly roles: Record<CiRole, IamRole>;

  constructor(scope: Construct, id: string, props: CiAccessProps) {
    super(scope, id);
    const role = (name: CiRole, policyArn: string, maxSessionDuration?: number) => {
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
        maxSessionDuration,
      });
      new IamRolePolicyAttachment(this, `${name}-policy`, { role: created.name, policyArn });
      return created;
    };
    this.roles = {
      plan: role("plan", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
      apply: role("apply", "arn:aws:iam::aws:policy/AdministratorAccess", props.applyMaxSessionSeconds ?? 7200),
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
