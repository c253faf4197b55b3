import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Naming } from "../naming";
import { EncryptionKey } from "../shared/encryption-key";
import { SecureBucket } from "../shared/secure-bucket";

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
}

/**
 * Where every environment keeps its Terraform state: a versioned, KMS-encrypted, TLS-only bucket and
 * a DynamoDB lock table. Losing either strands every environment, so both refuse destruction.
 */
export class StateBackend extends Construct {
  public readonly key: EncryptionKey;
  public readonly bucket: SecureBucket;
  public readonly lockTable: DynamodbTable;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    this.key = new EncryptionKey(this, "key", { naming: props.naming, purpose: "terraform-state", accountId: props.accountId });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKey: this.key.key,
      versioned: true,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 90,
    });
    this.lockTable = new DynamodbTable(this, "lock-table", {
      name: props.lockTableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.key.arn },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
  }
}
