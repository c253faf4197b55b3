import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Testing } from "cdktf";
import { BootstrapStack } from "../../src/stacks/bootstrap-stack";
import { exampleConfig, parsed } from "../helpers";
import { synthesizedStack } from "../support/synthesized";

describe("BootstrapStack", () => {
  const { environments, state } = exampleConfig();
  const { owner, name: repositoryName } = Object.values(environments)[0].repository;
  const repository = `${owner}/${repositoryName}`;
  const json = synthesizedStack("bootstrap");

  it("lets the CI plan and apply roles assume only their counterparts in the environment accounts", () => {
    const documents = Object.values<any>(parsed(json).data.aws_iam_policy_document);
    const assumed = documents
      .flatMap((d) => d.statement)
      .filter((s: any) => s.sid === "AssumeEnvironmentRole")
      .map((s: any) => s.resources);
    const roles = (role: string) => Object.values(environments).map((e) => `arn:aws:iam::${e.accountId}:role/${e.project}-${e.name}-ci-${role}`);
    expect(assumed).toEqual(expect.arrayContaining([roles("plan"), roles("apply")]));
    expect(assumed).toHaveLength(2);
  });

  it("keeps its own state locally, outside cdktf.out", () => {
    expect(parsed(json).terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  it("creates the bucket every environment's backend names", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: `${state.project}-state-${state.accountId}-${state.region}` });
  });

  it("creates the CI roles for the repository, the branch and the GitHub environments of the state config", () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: `${state.project}-ci-plan` });
    const trust = parsed(json).data.aws_iam_policy_document;
    const apply = Object.entries(trust).find(([k]) => k.startsWith("github_apply-trust_"))![1] as any;
    expect(apply.statement[0].condition[1].values).toEqual([
      `repo:${repository}:ref:refs/heads/${state.ci.branch}`,
      ...state.ci.environments.map((e) => `repo:${repository}:environment:${e}`),
    ]);
  });

  it("outputs the role ARNs the workflow's repository variables hold", () => {
    const outputs = parsed(json).output;
    expect(outputs.ci_plan_role_arn.value).toMatch(/^\$\{aws_iam_role\.github_plan-role_\w+\.arn\}$/);
    expect(outputs.ci_apply_role_arn.value).toMatch(/^\$\{aws_iam_role\.github_apply-role_\w+\.arn\}$/);
  });

  it("copies the state to a bucket in state.drRegion, through the DR provider", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: `${state.project}-state-${state.accountId}-${state.drRegion}`, provider: "aws.dr" });
    expect(json).toHaveProviderWithProperties(AwsProvider, { alias: "dr", region: state.drRegion, allowed_account_ids: [state.accountId] });
  });

  it("replicates the lock table to state.drRegion", () => {
    expect(Object.values<any>(parsed(json).resource.aws_dynamodb_table)[0].replica[0].region_name).toBe(state.drRegion);
  });

  it("lets the CI roles use the DR copy's bucket, table replica and key as well", () => {
    const documents = Object.entries<any>(parsed(json).data.aws_iam_policy_document);
    const planState = documents.find(([k]) => k.startsWith("github_plan-state-policy_"))![1].statement;
    expect(planState.find((s: any) => s.sid === "LockTable").resources).toEqual([
      expect.stringMatching(/aws_dynamodb_table/),
      `arn:aws:dynamodb:${state.drRegion}:${state.accountId}:table/${state.project}-state-locks`,
    ]);
    expect(planState.find((s: any) => s.sid === "ReadState").resources).toHaveLength(2);
  });

  it("outputs the DR copy's bucket for the switch", () => {
    expect(parsed(json).output.state_dr_bucket.value).toMatch(/aws_s3_bucket\.state_dr-bucket_\w+\.bucket/);
  });

  it("plans the same with state.failover: the switch moves the environments' backends, not the state's resources", () => {
    const accounts = Object.fromEntries(Object.values(environments).map((e) => [e.name, e.accountId]));
    const failover = Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", { ...state, failover: true }, repository, accounts));
    expect(parsed(failover).resource).toEqual(parsed(json).resource);
  });

  it("can only be applied to the state account", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: [state.accountId] });
  });
});
