import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { AccessLogBucket } from "../../src/shared/access-log-bucket";
import { SecureBucket } from "../../src/shared/secure-bucket";
import { parsed, resources, synth } from "../helpers";

describe("AccessLogBucket", () => {
  const json = synth((scope) => {
    const logs = new AccessLogBucket(scope, "logs", { bucketName: "notes-dev-access-logs", accountId: "111111111111", expirationDays: 365 });
    new SecureBucket(scope, "audit", { bucketName: "notes-dev-audit", accessLogs: logs });
    new SecureBucket(scope, "artifacts", { bucketName: "notes-dev-artifacts", accessLogs: logs });
  });
  const documents = parsed(json).data.aws_iam_policy_document;
  const policy = documents[Object.keys(documents).find((k) => k.startsWith("logs_bucket_policy_"))!];
  const delivery = policy.statement.find((s: any) => s.sid === "S3ServerAccessLogs");

  it("encrypts with SSE-S3: S3 server access logging does not deliver to a bucket whose default encryption is SSE-KMS", () => {
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: expect.stringMatching(/logs_bucket/),
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  it("blocks public access and disables ACLs, so that only its policy admits the logging service", () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { bucket: expect.stringMatching(/logs_bucket/), block_public_policy: true });
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket: expect.stringMatching(/logs_bucket/),
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  it("denies requests without TLS", () => {
    expect(policy.statement.find((s: any) => s.sid === "DenyInsecureTransport")).toMatchObject({ effect: "Deny" });
  });

  it("lets the logging service put objects, and nothing else", () => {
    expect(delivery).toMatchObject({
      principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::notes-dev-access-logs/*"],
    });
  });

  it("admits the logging service only for the buckets logged into it", () => {
    expect(delivery.condition[0]).toEqual({
      test: "ArnLike",
      variable: "aws:SourceArn",
      values: [expect.stringMatching(/aws_s3_bucket\.audit_bucket_\w+\.arn/), expect.stringMatching(/aws_s3_bucket\.artifacts_bucket_\w+\.arn/)],
    });
  });

  it("admits the logging service only on behalf of its own account", () => {
    expect(delivery.condition[1]).toEqual({ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] });
  });

  it("expires log objects", () => {
    const lifecycle = resources(json, "aws_s3_bucket_lifecycle_configuration").find((l) => /logs_bucket/.test(l.bucket));
    expect(lifecycle.rule.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: 365 }]);
  });

  it("keeps no versions: log objects are written once", () => {
    expect(resources(json, "aws_s3_bucket_versioning").map((v) => v.bucket)).not.toContainEqual(expect.stringMatching(/logs_bucket/));
    expect(json).toHaveResource(S3BucketVersioningA);
  });

  it("receives each logged bucket's logs under that bucket's name", () => {
    expect(
      resources(json, "aws_s3_bucket_logging")
        .map((l) => l.target_prefix)
        .sort(),
    ).toEqual(["notes-dev-artifacts/", "notes-dev-audit/"]);
    for (const logging of resources(json, "aws_s3_bucket_logging")) expect(logging.target_bucket).toMatch(/aws_s3_bucket\.logs_bucket_\w+\.id/);
  });

  it("turns logging on only once its policy admits the logging service", () => {
    for (const logging of resources(json, "aws_s3_bucket_logging"))
      expect(logging.depends_on).toEqual([expect.stringMatching(/aws_s3_bucket_policy\.logs_bucket_bucket-policy/)]);
  });
});
