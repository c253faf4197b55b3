import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { SecureBucket, SecureBucketProps } from "../../src/shared/secure-bucket";
import { parsed, resources, synth } from "../helpers";

function bucket(props: Partial<SecureBucketProps> = {}, withKey = true): string {
  return synth((scope) => {
    new SecureBucket(scope, "b", { bucketName: "notes-dev-data", kmsKey: withKey ? new KmsKey(scope, "key") : undefined, ...props });
  });
}

describe("SecureBucket", () => {
  const json = bucket();

  it("writes no server access logs unless given a log bucket", () => {
    expect(resources(json, "aws_s3_bucket_logging")).toEqual([]);
  });

  it("blocks all public access", () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("disables ACLs: the bucket owner owns every object", () => {
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  it("encrypts with the KMS key and bucket keys", () => {
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.key.arn}" }, bucket_key_enabled: true }],
    });
  });

  it("falls back to SSE-S3 without a key", () => {
    expect(bucket({}, false)).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  it("is versioned and refuses destruction by default", () => {
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: "notes-dev-data", force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  it("empties itself on destroy when unprotected, so a copy of an environment can be torn down", () => {
    expect(bucket({ protect: false })).toHaveResourceWithProperties(S3Bucket, { force_destroy: true, lifecycle: { prevent_destroy: false } });
  });

  it("denies every request not made over TLS", () => {
    const policy = Object.values(parsed(json).data.aws_iam_policy_document)[0] as any;
    expect(policy.statement[0]).toMatchObject({
      effect: "Deny",
      actions: ["s3:*"],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
  });

  it("writes the policy only after the public access block", () => {
    expect(json).toHaveResourceWithProperties(S3BucketPolicy, { depends_on: [expect.stringMatching(/^aws_s3_bucket_public_access_block\./)] });
  });

  it("expires noncurrent versions and incomplete uploads", () => {
    const [lifecycle] = resources(json, "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.rule.map((r: any) => r.id)).toEqual(["abort-incomplete-uploads", "expire-noncurrent-versions"]);
    expect(lifecycle.rule[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });

  it("moves current objects to a cheaper storage class when asked", () => {
    const [lifecycle] = resources(bucket({ transition: { days: 30, storageClass: "GLACIER_IR" } }), "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.rule.map((r: any) => r.id)).toEqual(["abort-incomplete-uploads", "expire-noncurrent-versions", "transition-objects"]);
    expect(lifecycle.rule[2]).toMatchObject({ status: "Enabled", filter: [{}], transition: [{ days: 30, storage_class: "GLACIER_IR" }] });
  });

  it("leaves objects under 128 KB to S3's default, which skips them, unless asked", () => {
    const [lifecycle] = resources(
      bucket({ transition: { days: 30, storageClass: "GLACIER", includeSmallObjects: true } }),
      "aws_s3_bucket_lifecycle_configuration",
    );
    expect(lifecycle.rule.find((r: any) => r.id === "transition-objects").filter).toEqual([{ object_size_greater_than: 1 }]);
  });

  it("expires current objects when asked", () => {
    const [lifecycle] = resources(bucket({ expirationDays: 30 }), "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.rule[2]).toMatchObject({ id: "expire-objects", expiration: [{ days: 30 }] });
  });
});
