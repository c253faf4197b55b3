import { Construct } from "constructs";
import { Lazy, TerraformProvider } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecureBucket } from "./secure-bucket";

export interface AccessLogBucketProps {
  /** The bucket's name, from the naming helper. */
  readonly bucketName: string;
  /** The account of the logged buckets: S3 delivers only on behalf of buckets of this account. */
  readonly accountId: string;
  /** Days a log object is kept. */
  readonly expirationDays: number;
  /**
   * prevent_destroy on the bucket: access logs are audit evidence.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Provider of the region of the logged buckets: S3 delivers server access logs only to a bucket
   * of the same region and account.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The destination of S3 server access logs of the buckets of one account and region (S3 user
 * guide, "Enabling Amazon S3 server access logging"). A SecureBucket (public access blocked, ACLs
 * disabled, TLS-only) encrypted with SSE-S3: S3 server access logging does not deliver to a bucket
 * whose default encryption is SSE-KMS. With ACLs disabled (BucketOwnerEnforced) the logging service
 * writes through the bucket policy, which admits it only for the buckets logged here
 * (`aws:SourceArn`) of this account (`aws:SourceAccount`). Not versioned: log objects are written
 * once and expire.
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: SecureBucket;
  private readonly sources: string[] = [];

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const bucketArn = `arn:aws:s3:::${props.bucketName}`;
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      versioned: false,
      expirationDays: props.expirationDays,
      protect: props.protect,
      provider: props.provider,
      policyStatements: [
        {
          sid: "S3ServerAccessLogs",
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          actions: ["s3:PutObject"],
          resources: [`${bucketArn}/*`],
          condition: [
            // Filled as buckets call logFrom, at synth.
            { test: "ArnLike", variable: "aws:SourceArn", values: Lazy.listValue({ produce: () => this.sources }) },
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
          ],
        },
      ],
    });
  }

  /** Admits the server access logs of `source` (SecureBucket's `accessLogs` calls this). */
  public logFrom(source: S3Bucket): void {
    this.sources.push(source.arn);
  }
}
