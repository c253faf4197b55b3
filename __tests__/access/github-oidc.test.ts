import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { GithubOidc, GithubOidcProps } from "../../src/access/github-oidc";
import { Naming, NamingError } from "../../src/naming";
import { parsed, resources, synth } from "../helpers";

const BUCKET = "arn:aws:s3:::notes-state-bucket";
const TABLE = "arn:aws:dynamodb:eu-central-1:444444444444:table/notes-state-locks";
const KEY = "arn:aws:kms:eu-central-1:444444444444:key/state";
const DR_BUCKET = "arn:aws:s3:::notes-state-bucket-dr";
const DR_TABLE = "arn:aws:dynamodb:eu-west-1:444444444444:table/notes-state-locks";
const DR_KEY = "arn:aws:kms:eu-west-1:444444444444:key/state-dr";

function build(overrides: Partial<GithubOidcProps> = {}): string {
  return synth((scope) => {
    new GithubOidc(scope, "github", {
      naming: new Naming({ project: "notes", environment: "ci" }),
      accountId: "444444444444",
      repository: "example-org/notes-platform",
      environments: ["test", "prod"],
      state: { bucketArn: BUCKET, lockTableArn: TABLE, keyArn: KEY, region: "eu-central-1" },
      ...overrides,
    });
  });
}

/** The statements of the policy document whose construct id is `id`. */
function statements(json: string, id: string): any[] {
  const documents = parsed(json).data.aws_iam_policy_document;
  const key = Object.keys(documents).find((k) => k.startsWith(`github_${id}_`));
  if (!key) throw new Error(`no policy document ${id} in ${Object.keys(documents).join(", ")}`);
  return documents[key].statement;
}

function statement(json: string, id: string, sid: string): any {
  return statements(json, id).find((s) => s.sid === sid);
}

const condition = (test: string, variable: string, values: string[]) => ({ test, variable, values });

describe("GithubOidc", () => {
  const json = build();

  it("creates the OIDC provider for GitHub's issuer with STS as its only audience and no thumbprints", () => {
    expect(resources(json, "aws_iam_openid_connect_provider")).toEqual([
      { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] },
    ]);
  });

  it("trusts an existing provider instead of creating a second one", () => {
    const arn = "arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com";
    const existing = build({ existingProviderArn: arn });
    expect(existing).not.toHaveResource(IamOpenidConnectProvider);
    expect(statement(existing, "plan-trust", "GithubActions").principals).toEqual([{ type: "Federated", identifiers: [arn] }]);
  });

  it("lets only pull requests and the main branch of the repository assume the plan role", () => {
    expect(statements(json, "plan-trust")).toEqual([
      {
        sid: "GithubActions",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.github_provider_\w+\.arn\}$/)] }],
        condition: [
          condition("StringEquals", "token.actions.githubusercontent.com:aud", ["sts.amazonaws.com"]),
          condition("StringEquals", "token.actions.githubusercontent.com:sub", [
            "repo:example-org/notes-platform:pull_request",
            "repo:example-org/notes-platform:ref:refs/heads/main",
          ]),
        ],
      },
    ]);
  });

  it("lets only the main branch and the approved GitHub environments assume the apply role", () => {
    expect(statement(json, "apply-trust", "GithubActions").condition).toEqual([
      condition("StringEquals", "token.actions.githubusercontent.com:aud", ["sts.amazonaws.com"]),
      condition("StringEquals", "token.actions.githubusercontent.com:sub", [
        "repo:example-org/notes-platform:ref:refs/heads/main",
        "repo:example-org/notes-platform:environment:test",
        "repo:example-org/notes-platform:environment:prod",
      ]),
    ]);
  });

  it("trusts the configured branch", () => {
    const release = build({ branch: "release/v2" });
    expect(statement(release, "plan-trust", "GithubActions").condition[1].values).toContain("repo:example-org/notes-platform:ref:refs/heads/release/v2");
    expect(statement(release, "apply-trust", "GithubActions").condition[1].values[0]).toBe("repo:example-org/notes-platform:ref:refs/heads/release/v2");
  });

  it("names the roles through Naming", () => {
    expect(
      resources(json, "aws_iam_role")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["notes-ci-apply", "notes-ci-plan"]);
  });

  it("refuses a role name AWS would reject", () => {
    expect(() => build({ naming: new Naming({ project: "notes", environment: "c".repeat(60) }) })).toThrow(NamingError);
  });

  it("gives the plan role AWS's ReadOnlyAccess and no other managed policy", () => {
    const attached = resources(json, "aws_iam_role_policy_attachment").filter((a) => a.role.includes("plan-role"));
    expect(attached.map((a) => a.policy_arn)).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
  });

  it("lets the plan role read the state but not write it", () => {
    const s3 = statements(json, "plan-state-policy").filter((s) => s.actions.some((a: string) => a.startsWith("s3:")));
    expect(s3).toEqual([
      { sid: "ListState", actions: ["s3:ListBucket"], resources: [BUCKET] },
      { sid: "ReadState", actions: ["s3:GetObject"], resources: [`${BUCKET}/*`] },
    ]);
  });

  it("lets the plan role take and release the lock in the lock table", () => {
    expect(statement(json, "plan-state-policy", "LockTable")).toEqual({
      sid: "LockTable",
      actions: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
      resources: [TABLE],
    });
  });

  it("lets the plan role write S3 lock files, and only those, when locking uses them", () => {
    const lockfile = build({ state: { bucketArn: BUCKET, lockTableArn: TABLE, keyArn: KEY, region: "eu-central-1", lockfile: true } });
    expect(statement(lockfile, "plan-state-policy", "LockFiles")).toEqual({
      sid: "LockFiles",
      actions: ["s3:PutObject", "s3:DeleteObject"],
      resources: [`${BUCKET}/*.tflock`],
    });
    expect(statement(lockfile, "plan-state-policy", "EncryptLocks").condition[0].values).toEqual([
      "dynamodb.eu-central-1.amazonaws.com",
      "s3.eu-central-1.amazonaws.com",
    ]);
  });

  it("lets the plan role decrypt with the state key, and encrypt with it only through the lock table", () => {
    expect(statement(json, "plan-state-policy", "DecryptState")).toEqual({
      sid: "DecryptState",
      actions: ["kms:Decrypt", "kms:DescribeKey"],
      resources: [KEY],
    });
    expect(statement(json, "plan-state-policy", "EncryptLocks")).toEqual({
      sid: "EncryptLocks",
      actions: ["kms:Encrypt", "kms:GenerateDataKey"],
      resources: [KEY],
      condition: [condition("StringEquals", "kms:ViaService", ["dynamodb.eu-central-1.amazonaws.com"])],
    });
  });

  it("deploys with AdministratorAccess within the permissions boundary", () => {
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: "notes-ci-apply",
      permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.github_apply-boundary_\w+\.arn\}$/),
    });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: expect.stringContaining("apply-role"),
      policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
  });

  it("bounds the apply role so it cannot change the CI's own access", () => {
    const deny = statement(json, "apply-boundary-policy", "KeepCiAccess");
    expect(deny.effect).toBe("Deny");
    expect(deny.actions).toEqual(expect.arrayContaining(["iam:Update*", "iam:Put*", "iam:Delete*", "iam:Attach*", "iam:Detach*"]));
    expect(deny.resources).toEqual([
      expect.stringMatching(/aws_iam_openid_connect_provider/),
      "arn:aws:iam::444444444444:role/notes-ci-plan",
      "arn:aws:iam::444444444444:role/notes-ci-apply",
      "arn:aws:iam::444444444444:policy/notes-ci-apply-boundary",
    ]);
  });

  it("bounds the apply role so it cannot destroy the Terraform state", () => {
    expect(statement(json, "apply-boundary-policy", "KeepStateBucket")).toMatchObject({ effect: "Deny", resources: [BUCKET, `${BUCKET}/*`] });
    expect(statement(json, "apply-boundary-policy", "KeepStateBucket").actions).toEqual(expect.arrayContaining(["s3:DeleteBucket*", "s3:DeleteObjectVersion"]));
    expect(statement(json, "apply-boundary-policy", "KeepLockTable")).toMatchObject({
      effect: "Deny",
      resources: [TABLE],
      actions: expect.arrayContaining(["dynamodb:DeleteTable"]),
    });
    expect(statement(json, "apply-boundary-policy", "KeepStateKey")).toMatchObject({
      effect: "Deny",
      resources: [KEY],
      actions: expect.arrayContaining(["kms:ScheduleKeyDeletion", "kms:DisableKey"]),
    });
  });

  it("allows everything else within the boundary", () => {
    expect(statement(json, "apply-boundary-policy", "Deploy")).toEqual({ sid: "Deploy", actions: ["*"], resources: ["*"] });
  });

  it("gives the plan role the same access to the state's DR copy", () => {
    const dr = build({
      state: {
        bucketArn: BUCKET,
        lockTableArn: TABLE,
        keyArn: KEY,
        region: "eu-central-1",
        dr: { bucketArn: DR_BUCKET, lockTableArn: DR_TABLE, keyArn: DR_KEY, region: "eu-west-1" },
      },
    });
    expect(statement(dr, "plan-state-policy", "ReadState").resources).toEqual([`${BUCKET}/*`, `${DR_BUCKET}/*`]);
    expect(statement(dr, "plan-state-policy", "LockTable").resources).toEqual([TABLE, DR_TABLE]);
    expect(statement(dr, "plan-state-policy", "DecryptState").resources).toEqual([KEY, DR_KEY]);
    expect(statement(dr, "plan-state-policy", "EncryptLocks").condition[0].values).toEqual([
      "dynamodb.eu-central-1.amazonaws.com",
      "dynamodb.eu-west-1.amazonaws.com",
    ]);
  });

  it("bounds the apply role so it cannot destroy the state's DR copy either", () => {
    const dr = build({
      state: {
        bucketArn: BUCKET,
        lockTableArn: TABLE,
        keyArn: KEY,
        region: "eu-central-1",
        dr: { bucketArn: DR_BUCKET, lockTableArn: DR_TABLE, keyArn: DR_KEY, region: "eu-west-1" },
      },
    });
    expect(statement(dr, "apply-boundary-policy", "KeepStateBucket").resources).toEqual([BUCKET, `${BUCKET}/*`, DR_BUCKET, `${DR_BUCKET}/*`]);
    expect(statement(dr, "apply-boundary-policy", "KeepStateBucket").actions).toContain("s3:PutReplicationConfiguration");
    expect(statement(dr, "apply-boundary-policy", "KeepLockTable").resources).toEqual([TABLE, DR_TABLE]);
    expect(statement(dr, "apply-boundary-policy", "KeepLockTable").actions).toContain("dynamodb:DeleteTableReplica");
    expect(statement(dr, "apply-boundary-policy", "KeepStateKey").resources).toEqual([KEY, DR_KEY]);
  });

  it("gives the apply role sessions long enough for a slow apply (a web identity session, not a chained one)", () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-ci-apply", max_session_duration: 7200 });
  });

  it("matches the token's subject exactly, never with wildcards", () => {
    for (const id of ["plan-trust", "apply-trust"]) {
      const sub = statement(json, id, "GithubActions").condition.find((c: any) => c.variable.endsWith(":sub"));
      expect(sub.test).toBe("StringEquals");
      for (const value of sub.values) expect(value).not.toMatch(/[*?]/);
    }
  });
});
