import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { StateBackend } from "../../src/access/state-backend";
import { naming, parsed, resources, synth } from "../helpers";

describe("StateBackend", () => {
  const json = synth((scope) => {
    const dr = new AwsProvider(scope, "aws-dr", { alias: "dr", region: "eu-west-1" });
    new StateBackend(scope, "state", {
      naming,
      accountId: "111111111111",
      bucketName: "notes-state-bucket",
      lockTableName: "notes-state-locks",
      accessLogsBucketName: "notes-state-access-logs",
      region: "eu-central-1",
      dr: { region: "eu-west-1", provider: dr, bucketName: "notes-state-bucket-dr" },
    });
  });
  const bucketOf = (type: string, bucketId: string) => Object.entries<any>(parsed(json).resource[type]).find(([, r]) => r.bucket.includes(bucketId))![1];

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
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/aws_kms_key\.state_key_\w+\.arn/) },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("keeps replaced state versions for 90 days", () => {
    const lifecycle = resources(json, "aws_s3_bucket_lifecycle_configuration").find((l) => /state_bucket_/.test(l.bucket));
    expect(lifecycle.rule[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });

  it("copies the state to a protected bucket in the DR region, encrypted with a key of that region", () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "notes-state-bucket-dr", provider: "aws.dr", lifecycle: { prevent_destroy: true } });
    expect(bucketOf("aws_s3_bucket_server_side_encryption_configuration", "dr-bucket")).toMatchObject({
      provider: "aws.dr",
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/aws_kms_key\.state_dr-key_\w+\.arn/) },
        },
      ],
    });
    expect(json).toHaveResourceWithProperties(KmsAlias, { provider: "aws.dr" });
  });

  it("gives the DR key the state key's alias, so that a backend switches by region and bucket alone", () => {
    const aliases = resources(json, "aws_kms_alias");
    expect(aliases.map((a) => a.name)).toEqual(["alias/notes-dev/terraform-state", "alias/notes-dev/terraform-state"]);
  });

  it("versions both buckets: replication needs it on both sides", () => {
    expect(resources(json, "aws_s3_bucket_versioning").map((v) => [v.provider ?? "aws", v.versioning_configuration.status])).toEqual([
      ["aws", "Enabled"],
      ["aws.dr", "Enabled"],
    ]);
  });

  it("replicates the lock table to the DR region under the DR key, from its stream (a global table)", () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, {
      stream_enabled: true,
      stream_view_type: "NEW_AND_OLD_IMAGES",
      replica: [
        {
          region_name: "eu-west-1",
          kms_key_arn: expect.stringMatching(/aws_kms_key\.state_dr-key_\w+\.arn/),
          point_in_time_recovery: true,
          deletion_protection_enabled: true,
          propagate_tags: true,
        },
      ],
    });
  });

  it("logs every request to the state bucket into a log bucket of its region", () => {
    const [logging] = resources(json, "aws_s3_bucket_logging");
    expect(logging.bucket).toMatch(/aws_s3_bucket\.state_bucket_\w+\.id/);
    expect(logging.target_bucket).toMatch(/aws_s3_bucket\.state_access-logs_bucket_\w+\.id/);
    expect(logging.provider).toBeUndefined();
  });

  it("keeps the state's access logs a year", () => {
    const lifecycle = resources(json, "aws_s3_bucket_lifecycle_configuration").find((l) => /state_access-logs/.test(l.bucket));
    expect(lifecycle.rule.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: 365 }]);
  });

  it("replicates the state bucket into the copy", () => {
    const [replication] = resources(json, "aws_s3_bucket_replication_configuration");
    expect(replication.bucket).toMatch(/aws_s3_bucket\.state_bucket_\w+\.id/);
    expect(replication.rule[0].destination.bucket).toMatch(/aws_s3_bucket\.state_dr-bucket_\w+\.arn/);
  });
});
