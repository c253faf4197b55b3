import { Construct } from "constructs";
import { Fn } from "cdktf";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Naming } from "../../naming";
import { EncryptionKey } from "../../shared/encryption-key";
import { TerraformProvider } from "cdktf";
import { AccessLogBucket } from "../../shared/access-log-bucket";
import { BucketReplication } from "../../shared/bucket-replication";
import { SecureBucket, SecureBucketTransition } from "../../shared/secure-bucket";
import { SecurityAlarms } from "./security-alarms";

export interface AuditTrailProps {
  readonly naming: Naming;
  /** The trail's home region: where it, its bucket, key and log group live. */
  readonly region: string;
  readonly accountId: string;
  /** The stack's logs key; its policy must admit CloudWatch Logs (logsKeyStatement). */
  readonly logsKey: KmsKey;
  /** Days log files are kept in S3 before they expire. */
  readonly retentionDays: number;
  /**
   * Moves log files to a cheaper storage class after some days.
   * @default none: log files stay in S3 Standard until they expire
   */
  readonly archive?: SecureBucketTransition;
  /** Retention of the trail's CloudWatch Logs group, in days CloudWatch accepts. */
  readonly logRetentionDays: number;
  /**
   * Enables GuardDuty with this finding publishing frequency. One detector per account and region.
   * @default no detector
   */
  readonly guardDuty?: { readonly findingPublishingFrequency: "FIFTEEN_MINUTES" | "ONE_HOUR" | "SIX_HOURS" };
  /**
   * SNS topic every CIS alarm sends ALARM and OK to.
   * @default none: the alarms change state without notifying anyone until a topic is wired
   */
  readonly alarmTopicArn?: string;
  /**
   * Where the bucket's S3 server access logs go: who read the evidence, when.
   * @default no server access logs
   */
  readonly accessLogs?: AccessLogBucket;
  /**
   * The DR region: the log files are replicated to a bucket there, under a key of that region, so
   * that the evidence outlives the region.
   * @default no copy
   */
  readonly dr?: { readonly region: string; readonly provider: TerraformProvider };
  /**
   * prevent_destroy on the bucket and key, deletion protection on the log group: audit evidence.
   * @default true
   */
  readonly protect?: boolean;
}

/** The ARN of a trail, known before the trail exists (policies that name it, without a cycle). */
export function trailArn(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;
}

/**
 * The key policy statements AWS documents for a trail's KMS key (CloudTrail user guide,
 * "Configure AWS KMS key policies for CloudTrail"): CloudTrail may generate data keys for log
 * files of this account's trails and describe the key, and only on behalf of this trail
 * (aws:SourceArn). Reading log files needs kms:Decrypt, granted by IAM policies through the
 * account's administration statement.
 */
export function cloudTrailKeyStatements(accountId: string, arn: string): DataAwsIamPolicyDocumentStatement[] {
  const principals = [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }];
  const fromTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [arn] };
  return [
    {
      sid: "CloudTrailEncryptLogs",
      principals,
      actions: ["kms:GenerateDataKey*"],
      resources: ["*"],
      condition: [
        { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: [`arn:aws:cloudtrail:*:${accountId}:trail/*`] },
        fromTrail,
      ],
    },
    { sid: "CloudTrailDescribeKey", principals, actions: ["kms:DescribeKey"], resources: ["*"], condition: [fromTrail] },
  ];
}

/**
 * The account's audit trail: a multi-region CloudTrail trail of all management events, with log
 * file validation, encrypted with its own KMS key, delivered to a dedicated S3 bucket (archived,
 * then expired) and to a CloudWatch Logs group that the CIS benchmark alarms read; optionally
 * GuardDuty.
 */
export class AuditTrail extends Construct {
  public readonly trail: Cloudtrail;
  public readonly key: EncryptionKey;
  public readonly bucket: SecureBucket;
  /** The log files' copy in the DR region, with `dr`. */
  public readonly drBucket?: SecureBucket;
  public readonly drKey?: EncryptionKey;
  public readonly replication?: BucketReplication;
  public readonly logGroup: CloudwatchLogGroup;
  /** The role CloudTrail assumes to write to the log group. */
  public readonly logsRole: IamRole;
  public readonly alarms: SecurityAlarms;
  public readonly detector?: GuarddutyDetector;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { naming, region, accountId } = props;
    const protect = props.protect ?? true;
    const trailName = naming.name("cloudTrail", "audit");
    const arn = trailArn(region, accountId, trailName);

    this.key = new EncryptionKey(this, "key", {
      naming,
      purpose: "audit",
      accountId,
      serviceStatements: cloudTrailKeyStatements(accountId, arn),
      protect,
    });

    // Named here as well as in the bucket: the policy names the bucket without referring to it.
    const bucketName = naming.name("s3Bucket", "audit-logs", accountId);
    const cloudTrail = [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }];
    const fromTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [arn] };
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName,
      kmsKey: this.key.key,
      expirationDays: props.retentionDays,
      transition: props.archive,
      accessLogs: props.accessLogs,
      protect,
      // The statements AWS documents (CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail").
      policyStatements: [
        { sid: "CloudTrailAclCheck", principals: cloudTrail, actions: ["s3:GetBucketAcl"], resources: [`arn:aws:s3:::${bucketName}`], condition: [fromTrail] },
        {
          sid: "CloudTrailWrite",
          principals: cloudTrail,
          actions: ["s3:PutObject"],
          resources: [`arn:aws:s3:::${bucketName}/AWSLogs/${accountId}/*`],
          condition: [{ test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }, fromTrail],
        },
      ],
    });

    if (props.dr) {
      const { provider } = props.dr;
      this.drKey = new EncryptionKey(this, "dr-key", { naming, purpose: "audit", accountId, protect, provider });
      this.drBucket = new SecureBucket(this, "dr-bucket", {
        bucketName: naming.name("s3Bucket", "audit-logs", accountId, props.dr.region),
        kmsKey: this.drKey.key,
        expirationDays: props.retentionDays,
        transition: props.archive,
        protect,
        provider,
      });
      this.replication = new BucketReplication(this, "replication", {
        roleName: naming.name("iamRole", "audit-replication"),
        source: { bucket: this.bucket, key: this.key.key, region },
        destination: { bucket: this.drBucket, key: this.drKey.key, region: props.dr.region },
      });
    }

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: naming.logGroup("cloudtrail"),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
      deletionProtectionEnabled: protect,
    });
    const trust = new DataAwsIamPolicyDocument(this, "logs-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: cloudTrail }],
    });
    this.logsRole = new IamRole(this, "logs-role", { name: naming.name("iamRole", "cloudtrail-logs"), assumeRolePolicy: trust.json });
    const write = new DataAwsIamPolicyDocument(this, "logs-write", {
      statement: [
        {
          sid: "WriteTrailLogGroup",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          // CloudTrail's streams in this group only: <account>_CloudTrail_<region>[...].
          resources: [`${this.logGroup.arn}:log-stream:${accountId}_CloudTrail_*`],
        },
      ],
    });
    const logsPolicy = new IamRolePolicy(this, "logs-policy", { name: "write-trail-log-group", role: this.logsRole.id, policy: write.json });

    this.trail = new Cloudtrail(this, "trail", {
      name: trailName,
      s3BucketName: this.bucket.bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.key.key.arn,
      // CloudTrail wants the log group ARN with the stream wildcard.
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.logsRole.arn,
      eventSelector: [{ readWriteType: "All", includeManagementEvents: true }],
      // CloudTrail checks at creation that it may write to the bucket and the log group.
      dependsOn: [this.bucket.policy, logsPolicy],
    });

    this.alarms = new SecurityAlarms(this, "alarms", {
      naming,
      logGroupName: this.logGroup.name,
      namespace: naming.metricNamespace("Audit"),
      alarmTopicArn: props.alarmTopicArn,
    });

    if (props.guardDuty) {
      this.detector = new GuarddutyDetector(this, "guardduty", {
        enable: true,
        findingPublishingFrequency: props.guardDuty.findingPublishingFrequency,
      });
      if (props.alarmTopicArn) {
        // High-severity findings (7 and up) reach a person; the rest wait in the console.
        const findings = new CloudwatchEventRule(this, "guardduty-findings", {
          name: naming.name("eventRule", "guardduty-findings"),
          description: "GuardDuty findings of high severity",
          eventPattern: Fn.jsonencode({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail: { severity: [{ numeric: [">=", 7] }] } }),
        });
        new CloudwatchEventTarget(this, "guardduty-findings-target", { rule: findings.name, arn: props.alarmTopicArn });
      }
    }
  }
}
