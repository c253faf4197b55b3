import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { CiAccess, ciRoleName } from "../../src/access/ci-access";
import { parsed, resources, synth } from "../helpers";

describe("CiAccess", () => {
  const json = synth((scope) => {
    new CiAccess(scope, "ci", {
      project: "notes",
      environment: "prod",
      ciAccountId: "444444444444",
      accountId: "333333333333",
      ciRoleNames: { plan: "notes-ci-plan", apply: "notes-ci-apply" },
      dnsRoleArn: "arn:aws:iam::555555555555:role/notes-prod-dns",
    });
  });
  const trust = (role: string) =>
    parsed(json).data.aws_iam_policy_document[
      `ci_${role}-trust_${Object.keys(parsed(json).data.aws_iam_policy_document)
        .find((k) => k.startsWith(`ci_${role}-trust_`))!
        .split("_")
        .pop()}`
    ].statement[0];

  const boundary = () => {
    const documents = parsed(json).data.aws_iam_policy_document;
    return documents[Object.keys(documents).find((k) => k.startsWith("ci_apply-boundary-policy_"))!].statement;
  };

  it("names the roles for the environment, the same in every workspace", () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-prod-ci-plan" });
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-prod-ci-apply" });
    expect(ciRoleName("notes", "prod", "apply")).toBe("notes-prod-ci-apply");
  });

  it("keeps the one-hour session of a chained role: both roles are assumed with another role's credentials", () => {
    for (const role of resources(json, "aws_iam_role")) expect(role.max_session_duration ?? 3600).toBeLessThanOrEqual(3600);
  });

  it("bounds the apply role with the environment's CI boundary", () => {
    expect(json).toHaveResourceWithProperties(IamPolicy, { name: "notes-prod-ci-apply-boundary" });
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: "notes-prod-ci-apply",
      permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.ci_apply-boundary_\w+\.arn\}$/),
    });
  });

  it("leaves the read-only plan role without a boundary", () => {
    expect(resources(json, "aws_iam_role").find((r) => r.name === "notes-prod-ci-plan").permissions_boundary).toBeUndefined();
  });

  it("bounds the apply role so it cannot change the CI's own access in the account", () => {
    const deny = boundary().find((s: any) => s.sid === "KeepCiAccess");
    expect(deny.effect).toBe("Deny");
    expect(deny.actions).toEqual(expect.arrayContaining(["iam:Update*", "iam:Put*", "iam:Delete*", "iam:Attach*", "iam:Detach*"]));
    expect(deny.resources).toEqual([
      "arn:aws:iam::333333333333:role/notes-prod-ci-plan",
      "arn:aws:iam::333333333333:role/notes-prod-ci-apply",
      "arn:aws:iam::333333333333:policy/notes-prod-ci-apply-boundary",
    ]);
  });

  it("allows everything else within the boundary", () => {
    expect(boundary().find((s: any) => s.sid === "Deploy")).toEqual({ sid: "Deploy", actions: ["*"], resources: ["*"] });
  });

  it("trusts only the matching role of the CI account", () => {
    expect(trust("plan").principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::444444444444:role/notes-ci-plan"] }]);
    expect(trust("apply").principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::444444444444:role/notes-ci-apply"] }]);
  });

  it("lets the plan role assume the environment's record-writer role, which ReadOnlyAccess does not", () => {
    const policy = Object.entries<any>(parsed(json).data.aws_iam_policy_document).find(([name]) => name.startsWith("ci_plan-dns-policy_"))![1];
    expect(policy.statement).toEqual([{ sid: "ReadTheZone", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::555555555555:role/notes-prod-dns"] }]);
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: "assume-dns-role", role: expect.stringContaining("aws_iam_role.ci_plan-role_") });
  });

  it("plans read-only and applies as administrator", () => {
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" });
  });
});
