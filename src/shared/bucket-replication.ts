import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { SecureBucket } from "./secure-bucket";

/** One end of a replication: a versioned SSE-KMS bucket, its key and its region. */
export interface ReplicationEnd {
  readonly bucket: SecureBucket;
  /** The key the bucket's objects are encrypted with (in the bucket's region: KMS keys are regional). */
  readonly key: KmsKey;
  readonly region: string;
}

export interface BucketReplicationProps {
  /** The role's name, from the naming helper. */
  readonly roleName: string;
  readonly source: ReplicationEnd;
  /** Usually in another region: the copy that survives the source region's loss. */
  readonly destination: ReplicationEnd;
}

/**
 * Live replication of every object of a KMS-encrypted bucket to a bucket encrypted with a key of its
 * own (S3 user guide, "Replicating encrypted objects"): SSE-KMS objects are replicated only when the
 * rule selects them (`sse_kms_encrypted_objects`) and names the destination key
 * (`replica_kms_key_id`). Delete markers are replicated too, so that the copy lists what the source
 * lists (a Terraform lock file deleted at the source is gone in the copy); versions are never deleted
 * by replication. The role may do only what replication needs, on these two buckets and keys.
 */
export class BucketReplication extends Construct {
  public readonly role: IamRole;
  public readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const { source, destination } = props;
    const sourceArn = source.bucket.bucket.arn;
    const destinationArn = destination.bucket.bucket.arn;

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "role", { name: props.roleName, assumeRolePolicy: trust.json });
    // S3 user guide, "Setting up permissions for live replication" and "Replicating encrypted objects".
    // With S3 Bucket Keys the encryption context is the bucket's ARN, without them the object's.
    const context = (arn: string) => [arn, `${arn}/*`];
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        { sid: "ReadSourceConfiguration", actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"], resources: [sourceArn] },
        {
          sid: "ReadSourceVersions",
          actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
          resources: [`${sourceArn}/*`],
        },
        { sid: "WriteReplicas", actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], resources: [`${destinationArn}/*`] },
        {
          sid: "DecryptSource",
          actions: ["kms:Decrypt"],
          resources: [source.key.arn],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${source.region}.amazonaws.com`] },
            { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: context(sourceArn) },
          ],
        },
        {
          sid: "EncryptReplicas",
          actions: ["kms:Encrypt", "kms:GenerateDataKey"],
          resources: [destination.key.arn],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${destination.region}.amazonaws.com`] },
            { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: context(destinationArn) },
          ],
        },
      ],
    });
    const policy = new IamRolePolicy(this, "policy", { name: "replicate", role: this.role.id, policy: permissions.json });

    this.configuration = new S3BucketReplicationConfigurationA(this, "configuration", {
      bucket: source.bucket.bucket.id,
      role: this.role.arn,
      rule: [
        {
          id: "replicate-everything",
          status: "Enabled",
          filter: {},
          deleteMarkerReplication: { status: "Enabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: { bucket: destinationArn, encryptionConfiguration: { replicaKmsKeyId: destination.key.arn } },
        },
      ],
      // S3 refuses a replication configuration until both buckets are versioned.
      dependsOn: [policy, ...[source.bucket.versioning, destination.bucket.versioning].filter((v) => v !== undefined)],
    });
  }
}
