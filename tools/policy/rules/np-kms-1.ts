import { Block, Json, Plan, at, isTrue } from "../plan";
import { Rule, RuleResult, judge } from "../rule";

const isKeyReference = (value: Json | undefined) => typeof value === "string" && /\$\{aws_kms_key\.[^.]+\.(arn|id|key_id)\}/.test(value);
const key = (value: Json | undefined, what: string) => (isKeyReference(value) ? undefined : `${what} is not a customer-managed aws_kms_key of this stack`);

/** Per resource type: the problems with its encryption at rest. */
const CHECKS: Record<string, (b: Block, plan: Plan) => (string | undefined)[]> = {
  aws_s3_bucket_server_side_encryption_configuration: (b, plan) => {
    const defaults = at(b.body, "rule", 0, "apply_server_side_encryption_by_default");
    // ALB access logs can only be written to SSE-S3 buckets (AWS: "the only server-side encryption option supported is SSE-S3").
    const logBucket = plan.resources("aws_lb").some((lb) => plan.references(at(lb.body, "access_logs", "bucket")).some((a) => plan.refersTo(b.body.bucket, a)));
    if (logBucket) return [at(defaults, "sse_algorithm") === "AES256" ? undefined : "an ALB access log bucket must use AES256"];
    // S3 server access logs are delivered only to a bucket whose default encryption is SSE-S3 (S3 user guide,
    // "Enabling Amazon S3 server access logging").
    const serverAccessLogs = plan
      .resources("aws_s3_bucket_logging")
      .some((l) => plan.references(l.body.target_bucket).some((a) => plan.refersTo(b.body.bucket, a)));
    if (serverAccessLogs) return [at(defaults, "sse_algorithm") === "AES256" ? undefined : "an S3 server access log bucket must use AES256"];
    return [
      at(defaults, "sse_algorithm") === "aws:kms" || at(defaults, "sse_algorithm") === "aws:kms:dsse" ? undefined : "sse_algorithm is not aws:kms",
      key(at(defaults, "kms_master_key_id"), "kms_master_key_id"),
    ];
  },
  aws_sns_topic: (b) => [key(b.body.kms_master_key_id, "kms_master_key_id")],
  aws_cloudwatch_log_group: (b) => [key(b.body.kms_key_id, "kms_key_id")],
  aws_db_instance: (b) => [
    isTrue(b.body.storage_encrypted) ? undefined : "storage_encrypted is not true",
    // An instance restored from a snapshot keeps the snapshot's key (RestoreDBInstanceFromDBSnapshot takes no KmsKeyId).
    b.body.snapshot_identifier ? undefined : key(b.body.kms_key_id, "kms_key_id"),
  ],
  aws_rds_cluster: (b) => [isTrue(b.body.storage_encrypted) ? undefined : "storage_encrypted is not true", key(b.body.kms_key_id, "kms_key_id")],
  aws_elasticache_replication_group: (b) => [
    isTrue(b.body.at_rest_encryption_enabled) ? undefined : "at_rest_encryption_enabled is not true",
    key(b.body.kms_key_id, "kms_key_id"),
  ],
  aws_backup_vault: (b) => [key(b.body.kms_key_arn, "kms_key_arn")],
  aws_ecr_repository: (b) => [
    at(b.body, "encryption_configuration", 0, "encryption_type") === "KMS" ? undefined : "encryption_type is not KMS",
    key(at(b.body, "encryption_configuration", 0, "kms_key"), "kms_key"),
  ],
  aws_dynamodb_table: (b) => [
    isTrue(at(b.body, "server_side_encryption", "enabled")) ? undefined : "server_side_encryption is not enabled",
    key(at(b.body, "server_side_encryption", "kms_key_arn"), "server_side_encryption.kms_key_arn"),
  ],
  aws_cloudtrail: (b) => [key(b.body.kms_key_id, "kms_key_id")],
  aws_codebuild_project: (b) => [key(b.body.encryption_key, "encryption_key")],
  aws_codepipeline: (b) => [key(at(b.body, "artifact_store", 0, "encryption_key", "id"), "artifact_store.encryption_key.id")],
  aws_secretsmanager_secret: (b) => [key(b.body.kms_key_id, "kms_key_id")],
};

export const NP_KMS_1: Rule = {
  id: "NP-KMS-1",
  level: "error",
  message: "Data at rest is encrypted with a customer-managed KMS key of this stack",
  explanation:
    "AWS-owned and AWS-managed keys cannot be scoped by a key policy, audited per use or revoked; a customer key lets the platform decide who decrypts (and crypto-shred by scheduling its deletion). Where AWS allows nothing but SSE-S3 (ALB and S3 server access log buckets) the rule asks for that.",
  fix: "pass the tier's EncryptionKey to the resource (kms_key_id / kms_master_key_id / kms_key_arn)",
  check(plan: Plan): RuleResult[] {
    return Object.entries(CHECKS).flatMap(([type, problems]) => plan.resources(type).map((b) => judge(b.address, problems(b, plan))));
  },
};
