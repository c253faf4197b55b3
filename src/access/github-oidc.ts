import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Naming } from "../naming";
import { IAM_WRITE_ACTIONS } from "./ci-access";

/** GitHub Actions' OIDC issuer, and the audience configure-aws-credentials asks tokens for. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** The Terraform state both roles read and lock. */
export interface GithubOidcStateAccess {
  readonly bucketArn: string;
  readonly lockTableArn: string;
  /** The key the state objects and the lock table are encrypted with. */
  readonly keyArn: string;
  /** Region of the state, for the services allowed to encrypt lock entries with the key. */
  readonly region: string;
  /**
   * Whether Terraform locks with S3 lock files (`state.locking` s3 or both): a plan then writes and
   * deletes `<key>.tflock` objects, and nothing else, in the bucket.
   * @default false
   */
  readonly lockfile?: boolean;
  /**
   * The state's copy in the DR region (`state.drRegion`), which the backends use with `state.failover`:
   * the same access there, so CI keeps working after the switch.
   * @default none
   */
  readonly dr?: Omit<GithubOidcStateAccess, "lockfile" | "dr">;
}

export interface GithubOidcProps {
  /** Names the roles and the boundary: `<prefix>-plan`, `<prefix>-apply`, `<prefix>-apply-boundary`. */
  readonly naming: Naming;
  /** The account the roles are created in; the boundary names them by ARN (a reference would be a cycle). */
  readonly accountId: string;
  /** `owner/name` of the only repository whose workflows may assume the roles. */
  readonly repository: string;
  /**
   * The branch whose pushes may plan (plan role) and apply without a GitHub environment (apply role).
   * @default "main"
   */
  readonly branch?: string;
  /**
   * GitHub environments whose jobs may assume the apply role: the approval gates.
   * @default none: only the branch may apply
   */
  readonly environments?: readonly string[];
  readonly state: GithubOidcStateAccess;
  /**
   * The roles of the environment accounts (ci-<environment> stacks) that the plan and the apply
   * role may assume: the AWS provider of each environment assumes its own.
   * @default none: state and environments in this one account
   */
  readonly environmentRoles?: { readonly plan: readonly string[]; readonly apply: readonly string[] };
  /**
   * The account's existing GitHub OIDC provider: an account holds one provider per issuer URL.
   * @default a new provider is created
   */
  readonly existingProviderArn?: string;
  /**
   * Managed policy the apply role deploys with. The stacks create IAM roles and policies, KMS keys
   * and resources of most services, so AdministratorAccess (within the boundary) is the honest minimum.
   * @default arn:aws:iam::aws:policy/AdministratorAccess
   */
  readonly applyPolicyArn?: string;
  /**
   * Longest session of the apply role, in seconds: an apply that creates a database or a cache
   * cluster can outlast the 1 hour default, and expiring credentials would cut it off midway.
   * @default 7200
   */
  readonly applyMaxSessionSeconds?: number;
}

/**
 * GitHub Actions' way into AWS without stored keys: the account's OIDC provider for GitHub, a
 * read-only plan role for pull requests and the main branch, and an apply role for the main branch
 * and the approved GitHub environments. Both trust one repository, exactly (no wildcards).
 *
 * The apply role has `applyPolicyArn` within a permissions boundary that allows everything except
 * changing the CI's own access (this provider, these roles, the boundary) and destroying the
 * Terraform state (bucket, lock table, key). The boundary is a guard against mistakes and the
 * direct escalations; a deployer that may create IAM roles can still create a new, unbounded one.
 */
export class GithubOidc extends Construct {
  /** ARN of the OIDC provider the roles trust (created, or `existingProviderArn`). */
  public readonly providerArn: string;
  public readonly planRole: IamRole;
  public readonly applyRole: IamRole;
  public readonly applyBoundary: IamPolicy;

  constructor(scope: Construct, id: string, props: GithubOidcProps) {
    super(scope, id);
    const branch = props.branch ?? "main";
    const environments = props.environments ?? [];
    const repo = `repo:${props.repository}`;

    if (props.existingProviderArn) {
      this.providerArn = props.existingProviderArn;
    } else {
      // No thumbprint_list: optional in provider 6, and AWS verifies GitHub's certificate against its own trusted CAs.
      const provider = new IamOpenidConnectProvider(this, "provider", {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdList: [GITHUB_OIDC_AUDIENCE],
      });
      this.providerArn = provider.arn;
    }

    const planName = props.naming.name("iamRole", "plan");
    const applyName = props.naming.name("iamRole", "apply");
    const boundaryName = props.naming.name("iamPolicy", "apply-boundary");
    const iamArn = (resource: string) => `arn:aws:iam::${props.accountId}:${resource}`;

    // Plan: pull requests and the branch; read-only everywhere, plus the state lock.
    this.planRole = new IamRole(this, "plan-role", {
      name: planName,
      description: `GitHub Actions of ${props.repository}: terraform plan (read-only)`,
      assumeRolePolicy: this.trust("plan-trust", [`${repo}:pull_request`, `${repo}:ref:refs/heads/${branch}`]),
    });
    new IamRolePolicyAttachment(this, "plan-read-only", { role: this.planRole.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    new IamRolePolicy(this, "plan-state", {
      role: this.planRole.name,
      name: "terraform-state",
      policy: new DataAwsIamPolicyDocument(this, "plan-state-policy", { statement: stateStatements(props.state) }).json,
    });

    // Apply: the branch (dev) and the approved environments (test, prod); everything within the boundary.
    this.applyBoundary = new IamPolicy(this, "apply-boundary", {
      name: boundaryName,
      description: `Most ${applyName} may do: all but changing CI access or destroying Terraform state`,
      policy: new DataAwsIamPolicyDocument(this, "apply-boundary-policy", {
        statement: boundaryStatements(props.state, [
          this.providerArn,
          iamArn(`role/${planName}`),
          iamArn(`role/${applyName}`),
          iamArn(`policy/${boundaryName}`),
        ]),
      }).json,
    });
    this.applyRole = new IamRole(this, "apply-role", {
      name: applyName,
      description: `GitHub Actions of ${props.repository}: terraform apply`,
      assumeRolePolicy: this.trust("apply-trust", [`${repo}:ref:refs/heads/${branch}`, ...environments.map((e) => `${repo}:environment:${e}`)]),
      permissionsBoundary: this.applyBoundary.arn,
      maxSessionDuration: props.applyMaxSessionSeconds ?? 7200,
    });
    const assume = (id: string, role: IamRole, targets: readonly string[] | undefined) => {
      if (!targets?.length) return;
      new IamRolePolicy(this, id, {
        role: role.name,
        name: "environment-accounts",
        policy: new DataAwsIamPolicyDocument(this, `${id}-policy`, {
          statement: [{ sid: "AssumeEnvironmentRole", actions: ["sts:AssumeRole", "sts:TagSession"], resources: [...targets] }],
        }).json,
      });
    };
    assume("plan-environments", this.planRole, props.environmentRoles?.plan);
    assume("apply-environments", this.applyRole, props.environmentRoles?.apply);
    new IamRolePolicyAttachment(this, "apply-permissions", {
      role: this.applyRole.name,
      policyArn: props.applyPolicyArn ?? "arn:aws:iam::aws:policy/AdministratorAccess",
    });
  }

  /** Web identity trust for GitHub's tokens meant for STS whose subject is one of `subjects`. */
  private trust(id: string, subjects: string[]): string {
    return new DataAwsIamPolicyDocument(this, id, {
      statement: [
        {
          sid: "GithubActions",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [this.providerArn] }],
          condition: [
            { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
            // StringEquals: every subject is exact, so no wildcard can widen the trust.
            { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:sub`, values: subjects },
          ],
        },
      ],
    }).json;
  }
}

/** Reading the state, holding its lock: what a plan needs beyond ReadOnlyAccess, at home and in the DR copy. */
function stateStatements(state: GithubOidcStateAccess): DataAwsIamPolicyDocumentStatement[] {
  const copies = [state, ...(state.dr ? [state.dr] : [])];
  const all = (pick: (copy: Omit<GithubOidcStateAccess, "lockfile" | "dr">) => string) => copies.map(pick);
  const lockServices = copies.flatMap((c) => [`dynamodb.${c.region}.amazonaws.com`, ...(state.lockfile ? [`s3.${c.region}.amazonaws.com`] : [])]);
  return [
    { sid: "ListState", actions: ["s3:ListBucket"], resources: all((c) => c.bucketArn) },
    { sid: "ReadState", actions: ["s3:GetObject"], resources: all((c) => `${c.bucketArn}/*`) },
    ...(state.lockfile ? [{ sid: "LockFiles", actions: ["s3:PutObject", "s3:DeleteObject"], resources: all((c) => `${c.bucketArn}/*.tflock`) }] : []),
    {
      sid: "LockTable",
      actions: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
      resources: all((c) => c.lockTableArn),
    },
    { sid: "DecryptState", actions: ["kms:Decrypt", "kms:DescribeKey"], resources: all((c) => c.keyArn) },
    {
      sid: "EncryptLocks",
      actions: ["kms:Encrypt", "kms:GenerateDataKey"],
      resources: all((c) => c.keyArn),
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: lockServices }],
    },
  ];
}

/** Everything, except changing the CI's own access (`ciArns`) or destroying the state. */
function boundaryStatements(state: GithubOidcStateAccess, ciArns: string[]): DataAwsIamPolicyDocumentStatement[] {
  const copies = [state, ...(state.dr ? [state.dr] : [])];
  return [
    { sid: "Deploy", actions: ["*"], resources: ["*"] },
    {
      sid: "KeepCiAccess",
      effect: "Deny",
      actions: [...IAM_WRITE_ACTIONS],
      resources: ciArns,
    },
    {
      sid: "KeepStateBucket",
      effect: "Deny",
      actions: [
        "s3:DeleteBucket*",
        "s3:PutBucket*",
        "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration",
        "s3:PutReplicationConfiguration",
        "s3:DeleteObjectVersion",
      ],
      resources: copies.flatMap((c) => [c.bucketArn, `${c.bucketArn}/*`]),
    },
    {
      sid: "KeepLockTable",
      effect: "Deny",
      actions: ["dynamodb:DeleteTable", "dynamodb:DeleteTableReplica", "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups"],
      resources: copies.map((c) => c.lockTableArn),
    },
    {
      sid: "KeepStateKey",
      effect: "Deny",
      actions: ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy", "kms:DeleteAlias", "kms:UpdateAlias"],
      resources: copies.map((c) => c.keyArn),
    },
  ];
}
