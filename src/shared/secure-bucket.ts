import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";

import type { AccessLogBucket } from "./access-log-bucket";
import { denyInsecureTransport } from "./encryption-key";

/** A lifecycle transition of current objects to a cheaper storage class. */
export interface SecureBucketTransition {
  /** Days after an object is written. */
  readonly days: number;
  /** Target class, e.g. GLACIER_IR (millisecond reads), GLACIER or DEEP_ARCHIVE. */
  readonly storageClass: "STANDARD_IA" | "INTELLIGENT_TIERING" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";
  /**
   * Move objects under 128 KB too. S3 skips them by default (the bucket's
   * transition_default_minimum_object_size, all_storage_classes_128K); a rule whose filter sets
   * its own minimum size takes precedence over that default (S3 API reference,
   * PutBucketLifecycleConfiguration, TransitionDefaultMinimumObjectSize). For buckets of many
   * small files that must really move, such as CloudTrail's; GLACIER_IR bills each as 128 KB.
   * @default false: objects under 128 KB stay where they are
   */
  readonly includeSmallObjects?: boolean;
}

/** Bytes an object must exceed for a transition that includes small objects: every non-empty object. */
export const SMALL_OBJECTS_MINIMUM_BYTES = 1;

export interface SecureBucketProps {
  /** The bucket's name, from the naming helper. */
  readonly bucketName: string;
  /**
   * Customer managed key for SSE-KMS (with S3 bucket keys, to keep KMS request costs down).
   * Without one, SSE-S3 (AES256): the only encryption some writers accept, e.g. ELB access logs.
   * @default SSE-S3
   */
  readonly kmsKey?: KmsKey;
  /**
   * Keep every version of every object, so that an overwrite or delete can be undone.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Days after which current objects expire, for buckets of logs and other transient data.
   * @default never
   */
  readonly expirationDays?: number;
  /**
   * Moves current objects to a cheaper storage class this many days after they were written, for
   * data rarely read after its first weeks (logs). Keep it before `expirationDays` by at least the
   * class's minimum storage duration, or the early deletion is billed anyway.
   * @default none: objects stay in S3 Standard
   */
  readonly transition?: SecureBucketTransition;
  /**
   * Days a replaced or deleted version is kept (versioned buckets only).
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Statements beside the TLS-only denial, for the services that write to the bucket.
   * @default none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * prevent_destroy on the bucket: true for buckets holding state or user data in an
   * environment that protects its stateful resources. An unprotected bucket empties itself on
   * destroy (force_destroy, every version), so that a copy of an environment can be torn down
   * after it has been used: S3 refuses to delete a bucket that holds objects.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Provider of the region the bucket lives in, e.g. the DR region's alias for a replica.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Where S3 server access logs of this bucket go (every request, with its requester): for buckets
   * an auditor asks about (state, audit trail, release artifacts). Same account and region.
   * @default no server access logs
   */
  readonly accessLogs?: AccessLogBucket;
}

/**
 * An S3 bucket as it should be by default: all public access blocked, ACLs disabled (bucket owner
 * enforced), encrypted, TLS-only, versioned, with lifecycle rules so nothing grows without bound.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket policy: writers that check their permissions at creation depend on it. */
  public readonly policy: S3BucketPolicy;
  /** Versioning, where `versioned`: replication to or from the bucket waits for it. */
  public readonly versioning?: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const versioned = props.versioned ?? true;
    const { provider } = props;
    const protect = props.protect ?? true;

    this.bucket = new S3Bucket(this, "bucket", {
      provider,
      bucket: props.bucketName,
      forceDestroy: !protect,
      lifecycle: { preventDestroy: protect },
    });
    const bucket = this.bucket.id;

    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access", {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { provider, bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket,
      rule: [
        props.kmsKey
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKey.arn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    if (versioned) {
      this.versioning = new S3BucketVersioningA(this, "versioning", { provider, bucket, versioningConfiguration: { status: "Enabled" } });
    }

    const rules: S3BucketLifecycleConfigurationRule[] = [
      { id: "abort-incomplete-uploads", status: "Enabled", filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
    ];
    if (versioned) {
      rules.push({
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
      });
    }
    if (props.expirationDays !== undefined) {
      rules.push({ id: "expire-objects", status: "Enabled", filter: [{}], expiration: [{ days: props.expirationDays }] });
    }
    if (props.transition) {
      rules.push({
        id: "transition-objects",
        status: "Enabled",
        filter: [props.transition.includeSmallObjects ? { objectSizeGreaterThan: SMALL_OBJECTS_MINIMUM_BYTES } : {}],
        transition: [{ days: props.transition.days, storageClass: props.transition.storageClass }],
      });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", { provider, bucket, rule: rules });

    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      provider,
      statement: [denyInsecureTransport(["s3:*"], [this.bucket.arn, `${this.bucket.arn}/*`]), ...(props.policyStatements ?? [])],
    });
    // S3 rejects a bucket policy while the public access block is being written: order them.
    this.policy = new S3BucketPolicy(this, "bucket-policy", { provider, bucket, policy: policy.json, dependsOn: [publicAccess] });

    if (props.accessLogs) {
      props.accessLogs.logFrom(this.bucket);
      new S3BucketLoggingA(this, "access-logging", {
        provider,
        bucket,
        targetBucket: props.accessLogs.bucket.bucket.id,
        targetPrefix: `${props.bucketName}/`,
        // Delivery is admitted by the log bucket's policy, which must be in place first.
        dependsOn: [props.accessLogs.bucket.policy],
      });
    }
  }
}
