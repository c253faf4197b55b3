import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EncryptionKey, logsKeyStatement } from "../../src/shared/encryption-key";
import { naming, parsed, synth } from "../helpers";

describe("EncryptionKey", () => {
  const json = synth((scope) => {
    new EncryptionKey(scope, "logs", {
      naming,
      purpose: "logs",
      accountId: "111111111111",
      serviceStatements: [logsKeyStatement("eu-central-1", "111111111111")],
    });
  });
  const policy = () => (Object.values(parsed(json).data.aws_iam_policy_document)[0] as any).statement;

  it("rotates, waits 30 days before deletion and refuses destruction", () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  it("gets an alias named for its purpose", () => {
    expect(json).toHaveResourceWithProperties(KmsAlias, { name: "alias/notes-dev/logs" });
  });

  it("lets the account administer the key through IAM", () => {
    expect(policy()[0]).toMatchObject({ principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }], actions: ["kms:*"] });
  });

  it("lets CloudWatch Logs use it only for this account's log groups", () => {
    expect(policy()[1]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["logs.eu-central-1.amazonaws.com"] }],
      condition: [{ test: "ArnLike", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:eu-central-1:111111111111:log-group:*"] }],
    });
  });

  it("lives in another region when given that region's provider", () => {
    const dr = synth((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "eu-west-1", alias: "dr" });
      new EncryptionKey(scope, "backup", { naming, purpose: "backup-dr", accountId: "111111111111", provider });
    });
    expect(dr).toHaveResourceWithProperties(KmsKey, { provider: "aws.dr" });
    expect(dr).toHaveResourceWithProperties(KmsAlias, { name: "alias/notes-dev/backup-dr", provider: "aws.dr" });
  });
});
