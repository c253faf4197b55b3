import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Naming } from "../naming";
import { AccessLogBucket } from "../shared/access-log-bucket";
import { BucketReplication } from "../shared/bucket-replication";
import { EncryptionKey } from "../shared/encryption-key";
import { SecureBucket } from "../shared/secure-bucket";

/** The state's copy in the DR region: what every backend switches to when the home region is lost. */
export interface StateBackendDr {
  /** The DR region (`state.drRegion`). */
  readonly region: string;
  /** Provider of the DR region. */
  readonly provider: TerraformProvider;
  /** The copy's bucket name (stateNames(...).drBucket). */
  readonly bucketName: string;
}

export interface StateBackendProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** The state bucket's name; every environment's S3 backend points at it. */
  readonly bucketName: string;
  /** The lock table's name, for DynamoDB state locking. */
  readonly lockTableName: string;
  /**
   * Days a replaced state version is kept: the window in which a broken state can be rolled back.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /** Name of the bucket that receives the state bucket's S3 server access logs (same region). */
  readonly accessLogsBucketName: string;
  /**
   * Days the state bucket's access logs are kept.
   * @default 365
   */
  readonly accessLogsExpirationDays?: number;
  /** The state's home region, where the key, bucket and table are. */
  readonly region: string;
  /**
   * The copy in the DR region: the bucket replicated to a bucket there under a key of that region
   * (the same alias, so a backend switches by region and bucket alone), and the lock table
   * replicated there (a global table).
   */
  readonly dr: StateBackendDr;
}

/**
 * Where every environment keeps its Terraform state: a versioned, KMS-encrypted, TLS-only bucket and
 * a DynamoDB lock table. Losing either strands every environment, so both refuse destruction, and
 * both have a live copy in the DR region that the backends can switch to
 * (docs/disaster-recovery.md, "Moving the Terraform state").
 */
export class StateBackend extends Construct {
  public readonly key: EncryptionKey;
  public readonly bucket: SecureBucket;
  public readonly lockTable: DynamodbTable;
  /** Who read or wrote which state, when: the state bucket's server access logs. */
  public readonly accessLogs: AccessLogBucket;
  /** The DR region's key and bucket, and the replication into it. */
  public readonly drKey: EncryptionKey;
  public readonly drBucket: SecureBucket;
  public readonly replication: BucketReplication;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    this.key = new EncryptionKey(this, "key", { naming: props.naming, purpose: "terraform-state", accountId: props.accountId });
    this.accessLogs = new AccessLogBucket(this, "access-logs", {
      bucketName: props.accessLogsBucketName,
      accountId: props.accountId,
      expirationDays: props.accessLogsExpirationDays ?? 365,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKey: this.key.key,
      accessLogs: this.accessLogs,
      versioned: true,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 90,
    });
    const { dr } = props;
    this.drKey = new EncryptionKey(this, "dr-key", { naming: props.naming, purpose: "terraform-state", accountId: props.accountId, provider: dr.provider });
    this.drBucket = new SecureBucket(this, "dr-bucket", {
      bucketName: dr.bucketName,
      kmsKey: this.drKey.key,
      versioned: true,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 90,
      provider: dr.provider,
    });
    this.replication = new BucketReplication(this, "replication", {
      roleName: props.naming.name("iamRole", "replication"),
      source: { bucket: this.bucket, key: this.key.key, region: props.region },
      destination: { bucket: this.drBucket, key: this.drKey.key, region: dr.region },
    });
    this.lockTable = new DynamodbTable(this, "lock-table", {
      name: props.lockTableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.key.arn },
      deletionProtectionEnabled: true,
      // A global table's replicas are fed from its stream (DynamoDB global tables, version 2019.11.21).
      streamEnabled: true,
      streamViewType: "NEW_AND_OLD_IMAGES",
      replica: [{ regionName: dr.region, kmsKeyArn: this.drKey.key.arn, pointInTimeRecovery: true, deletionProtectionEnabled: true, propagateTags: true }],
      lifecycle: { preventDestroy: true },
    });
  }
}
