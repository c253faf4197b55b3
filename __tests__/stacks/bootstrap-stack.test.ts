import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { BootstrapStack } from "../../src/stacks/bootstrap-stack";
import { exampleConfig, parsed } from "../helpers";

describe("BootstrapStack", () => {
  const { state } = exampleConfig();
  const accounts = { dev: "111111111111", test: "222222222222", prod: "333333333333" };
  const json = Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", state, "example-org/notes-platform", accounts));

  it("matches its snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  it("lets the CI plan and apply roles assume only their counterparts in the environment accounts", () => {
    const documents = Object.values<any>(parsed(json).data.aws_iam_policy_document);
    const assumed = documents.flatMap((d) => d.statement).filter((s: any) => s.sid === "AssumeEnvironmentRole").map((s: any) => s.resources);
    expect(assumed).toEqual(
      expect.arrayContaining([
        ["arn:aws:iam::111111111111:role/notes-dev-ci-plan", "arn:aws:iam::222222222222:role/notes-test-ci-plan", "arn:aws:iam::333333333333:role/notes-prod-ci-plan"],
        ["arn:aws:iam::111111111111:role/notes-dev-ci-apply", "arn:aws:iam::222222222222:role/notes-test-ci-apply", "arn:aws:iam::333333333333:role/notes-prod-ci-apply"],
      ]),
    );
    expect(assumed).toHaveLength(2);
  });

  it("keeps its own state locally, outside cdktf.out", () => {
    expect(parsed(json).terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  it("creates the bucket every environment's backend names", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "notes-state-444444444444-eu-central-1" });
  });

  it("creates the CI roles for the repository, the branch and the GitHub environments of the state config", () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: "notes-ci-plan" });
    const trust = parsed(json).data.aws_iam_policy_document;
    const apply = Object.entries(trust).find(([k]) => k.startsWith("github_apply-trust_"))![1] as any;
    expect(apply.statement[0].condition[1].values).toEqual([
      "repo:example-org/notes-platform:ref:refs/heads/main",
      "repo:example-org/notes-platform:environment:test",
      "repo:example-org/notes-platform:environment:prod",
    ]);
  });

  it("outputs the role ARNs the workflow's repository variables hold", () => {
    const outputs = parsed(json).output;
    expect(outputs.ci_plan_role_arn.value).toMatch(/^\$\{aws_iam_role\.github_plan-role_\w+\.arn\}$/);
    expect(outputs.ci_apply_role_arn.value).toMatch(/^\$\{aws_iam_role\.github_apply-role_\w+\.arn\}$/);
  });

  it("can only be applied to the state account", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ["444444444444"] });
  });
});
