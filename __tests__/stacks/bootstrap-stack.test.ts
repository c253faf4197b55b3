import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { BootstrapStack } from "../../src/stacks/bootstrap-stack";
import { exampleConfig, parsed } from "../helpers";

describe("BootstrapStack", () => {
  const { state } = exampleConfig();
  const json = Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", state, "example-org/notes-platform"));

  it("matches its snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  it("keeps its own state locally, outside cdktf.out", () => {
    expect(parsed(json).terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  it("creates the bucket every environment's backend names", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "notes-state-444444444444-eu-central-1" });
  });

  it("can only be applied to the state account", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ["444444444444"] });
  });
});
