import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { CiAccess, ciRoleName } from "../../src/access/ci-access";
import { parsed, synth } from "../helpers";

describe("CiAccess", () => {
  const json = synth((scope) => {
    new CiAccess(scope, "ci", {
      project: "notes",
      environment: "prod",
      ciAccountId: "444444444444",
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

  it("names the roles for the environment, the same in every workspace", () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-prod-ci-plan" });
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-prod-ci-apply", max_session_duration: 7200 });
    expect(ciRoleName("notes", "prod", "apply")).toBe("notes-prod-ci-apply");
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
