import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { StateBackend } from "../../src/access/state-backend";
import { naming, resources, synth } from "../helpers";

describe("StateBackend", () => {
  const json = synth((scope) => {
    new StateBackend(scope, "state", { naming, accountId: "111111111111", bucketName: "notes-state-bucket", lockTableName: "notes-state-locks" });
  });

  it("keeps state in a protected bucket encrypted with its own key", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "notes-state-bucket", lifecycle: { prevent_destroy: true } });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [expect.objectContaining({ apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: "aws:kms" }) })],
    });
  });

  it("locks with an on-demand LockID table with point-in-time recovery and encryption", () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, {
      name: "notes-state-locks",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/aws_kms_key/) },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("keeps replaced state versions for 90 days", () => {
    const [lifecycle] = resources(json, "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.rule[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });
});
