import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { AuditTrail, AuditTrailProps } from "../../../src/tiers/audit/audit-trail";
import { SECURITY_EVENTS } from "../../../src/tiers/audit/security-alarms";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AccessLogBucket } from "../../../src/shared/access-log-bucket";
import { naming, parsed, resources, synth } from "../../helpers";

const TOPIC = "arn:aws:sns:eu-central-1:111111111111:alarms";
const TRAIL_ARN = "arn:aws:cloudtrail:eu-central-1:111111111111:trail/notes-dev-audit";

function auditTrail(props: Partial<AuditTrailProps> = {}): string {
  return synth((scope) => {
    new AuditTrail(scope, "audit", {
      naming,
      region: "eu-central-1",
      accountId: "111111111111",
      logsKey: new KmsKey(scope, "logs-key"),
      retentionDays: 400,
      archive: { days: 30, storageClass: "GLACIER_IR" },
      logRetentionDays: 90,
      guardDuty: { findingPublishingFrequency: "FIFTEEN_MINUTES" },
      alarmTopicArn: TOPIC,
      ...props,
    });
  });
}

/** A block of the synthesized JSON by its construct path under the trail, e.g. "key_policy". */
function block(blocks: Record<string, any>, path: string): any {
  return Object.entries(blocks).find(([id]) => id.startsWith(`audit_${path}_`))?.[1];
}
const policy = (json: string, path: string) => block(parsed(json).data.aws_iam_policy_document, path);

const statement = (json: string, path: string, sid: string) => policy(json, path).statement.find((s: any) => s.sid === sid);
const fromTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [TRAIL_ARN] };

/** The CIS patterns, verbatim from AWS Security Hub's CloudWatch.1-14 controls. */
const CIS_PATTERNS: Record<string, string> = {
  "root-account-use": '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  "unauthorized-api-calls": '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  "iam-policy-changes":
    "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
  "cloudtrail-changes":
    "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  "console-sign-in-failures": '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  "kms-key-disabled": "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
  "security-group-changes":
    "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  "network-acl-changes":
    "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
};

describe("AuditTrail", () => {
  const json = auditTrail();
  const [trail] = resources(json, "aws_cloudtrail");

  it("records all management events of every region, global services included", () => {
    expect(trail).toMatchObject({
      name: "notes-dev-audit",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_logging: true,
      event_selector: [{ read_write_type: "All", include_management_events: true }],
    });
  });

  it("validates log files (digest files prove none was changed or deleted)", () => {
    expect(json).toHaveResourceWithProperties(Cloudtrail, { enable_log_file_validation: true });
  });

  it("encrypts log files with its own KMS key, with rotation", () => {
    expect(trail.kms_key_id).toMatch(/^\$\{aws_kms_key\.audit_key_[0-9A-F]+\.arn\}$/);
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, policy: expect.stringMatching(/audit_key_policy/) });
  });

  it("lets CloudTrail generate data keys for this account's trails, on behalf of this trail only", () => {
    expect(statement(json, "key_policy", "CloudTrailEncryptLogs")).toEqual({
      sid: "CloudTrailEncryptLogs",
      principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
      actions: ["kms:GenerateDataKey*"],
      resources: ["*"],
      condition: [
        { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: ["arn:aws:cloudtrail:*:111111111111:trail/*"] },
        fromTrail,
      ],
    });
  });

  it("lets CloudTrail describe the key, on behalf of this trail only", () => {
    expect(statement(json, "key_policy", "CloudTrailDescribeKey")).toMatchObject({ actions: ["kms:DescribeKey"], condition: [fromTrail] });
  });

  it("lets CloudTrail check the bucket's ACL, for this trail only", () => {
    expect(statement(json, "bucket_policy", "CloudTrailAclCheck")).toEqual({
      sid: "CloudTrailAclCheck",
      principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
      actions: ["s3:GetBucketAcl"],
      resources: ["arn:aws:s3:::notes-dev-audit-logs-111111111111"],
      condition: [fromTrail],
    });
  });

  it("lets CloudTrail write only under AWSLogs/<account>/, for this trail only", () => {
    expect(statement(json, "bucket_policy", "CloudTrailWrite")).toEqual({
      sid: "CloudTrailWrite",
      principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::notes-dev-audit-logs-111111111111/AWSLogs/111111111111/*"],
      condition: [{ test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }, fromTrail],
    });
  });

  it("delivers to a private, KMS-encrypted, TLS-only bucket", () => {
    expect(trail.s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.audit_bucket_[0-9A-F]+\.id\}$/);
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: trail.kms_key_id }, bucket_key_enabled: true }],
    });
    expect(statement(json, "bucket_policy", "DenyInsecureTransport")).toMatchObject({
      effect: "Deny",
      condition: [{ variable: "aws:SecureTransport", values: ["false"] }],
    });
  });

  it("moves log files to cheaper storage, then expires them after the retention", () => {
    const [lifecycle] = resources(json, "aws_s3_bucket_lifecycle_configuration");
    const rule = (id: string) => lifecycle.rule.find((r: any) => r.id === id);
    expect(rule("transition-objects").transition).toEqual([{ days: 30, storage_class: "GLACIER_IR" }]);
    expect(rule("expire-objects").expiration).toEqual([{ days: 400 }]);
  });

  it("creates the trail only once CloudTrail may write to the bucket and the log group", () => {
    expect(trail.depends_on).toEqual([
      expect.stringMatching(/^aws_s3_bucket_policy\.audit_bucket_bucket-policy_/),
      expect.stringMatching(/^aws_iam_role_policy\.audit_logs-policy_/),
    ]);
  });

  it("delivers to a log group encrypted with the logs key, with the configured retention", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/notes/dev/cloudtrail",
      retention_in_days: 90,
      kms_key_id: "${aws_kms_key.logs-key.arn}",
      deletion_protection_enabled: true,
    });
    expect(trail.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.audit_log-group_[0-9A-F]+\.arn\}:\*$/);
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.audit_logs-role_[0-9A-F]+\.arn\}$/);
  });

  it("has CloudTrail assume a role that may only create streams and put events in that log group", () => {
    expect(policy(json, "logs-trust").statement).toEqual([
      { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }] },
    ]);
    const [role] = resources(json, "aws_iam_role");
    expect(role.name).toBe("notes-dev-cloudtrail-logs");
    const logGroupArn = trail.cloud_watch_logs_group_arn.replace(/:\*$/, "");
    expect(policy(json, "logs-write").statement).toEqual([
      {
        sid: "WriteTrailLogGroup",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`${logGroupArn}:log-stream:111111111111_CloudTrail_*`],
      },
    ]);
  });

  it("protects the bucket, the key and the log group from destruction by default, and not when told", () => {
    const auditKey = (j: string) => block(parsed(j).resource.aws_kms_key, "key");
    expect(resources(json, "aws_s3_bucket")[0].lifecycle).toEqual({ prevent_destroy: true });
    expect(auditKey(json).lifecycle).toEqual({ prevent_destroy: true });
    const unprotected = auditTrail({ protect: false });
    expect(resources(unprotected, "aws_s3_bucket")[0].lifecycle).toEqual({ prevent_destroy: false });
    expect(auditKey(unprotected).lifecycle).toEqual({ prevent_destroy: false });
    expect(resources(unprotected, "aws_cloudwatch_log_group")[0].deletion_protection_enabled).toBe(false);
  });

  it("enables GuardDuty with the configured finding frequency", () => {
    expect(json).toHaveResourceWithProperties(GuarddutyDetector, { enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" });
  });

  it("sends GuardDuty findings of severity 7 and up to the alarm topic", () => {
    const [rule] = resources(json, "aws_cloudwatch_event_rule");
    expect(rule.event_pattern).toBe(
      '${jsonencode({"source" = ["aws.guardduty"], "detail-type" = ["GuardDuty Finding"], "detail" = {"severity" = [{"numeric" = [">=", 7]}]}})}',
    );
    expect(resources(json, "aws_cloudwatch_event_target")).toEqual([expect.objectContaining({ arn: TOPIC })]);
  });

  it("creates no GuardDuty detector unless asked", () => {
    expect(resources(auditTrail({ guardDuty: undefined }), "aws_guardduty_detector")).toEqual([]);
  });

  it("covers the required CIS events and the optional ones", () => {
    expect(SECURITY_EVENTS.map((e) => e.id).sort()).toEqual(Object.keys(CIS_PATTERNS).sort());
  });

  describe.each(Object.entries(CIS_PATTERNS))("CIS event %s", (id, pattern) => {
    const filter = resources(json, "aws_cloudwatch_log_metric_filter").find((f) => f.name === `notes-dev-audit-${id}`);
    const alarm = resources(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === `notes-dev-audit-${id}`);

    it("counts the events matching the exact CIS pattern on the trail's log group", () => {
      expect(filter.pattern).toBe(pattern);
      expect(filter.log_group_name).toMatch(/^\$\{aws_cloudwatch_log_group\.audit_log-group_[0-9A-F]+\.name\}$/);
      expect(filter.metric_transformation).toEqual({ name: expect.any(String), namespace: "notes/dev/Audit", value: "1" });
    });

    it("alarms on that metric from the first event, and is OK without events", () => {
      expect(alarm).toMatchObject({
        namespace: filter.metric_transformation.namespace,
        metric_name: filter.metric_transformation.name,
        statistic: "Sum",
        period: 300,
        evaluation_periods: 1,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: id === "unauthorized-api-calls" ? 5 : 1,
        treat_missing_data: "notBreaching",
      });
    });

    it("sends ALARM and OK to the topic", () => {
      expect(alarm.alarm_actions).toEqual([TOPIC]);
      expect(alarm.ok_actions).toEqual([TOPIC]);
    });

    it("says what happened, what to check first and which control it is", () => {
      expect(alarm.alarm_description).toMatch(/CloudWatch Logs Insights on the trail's log group/);
      expect(alarm.alarm_description).toMatch(/\(CIS v1\.\d\.0 \d\.\d+, Security Hub CloudWatch\.\d+\)$/);
      expect(alarm.alarm_description.length).toBeLessThanOrEqual(1024);
    });
  });

  it("puts no Terraform interpolation into any pattern", () => {
    for (const filter of resources(json, "aws_cloudwatch_log_metric_filter")) expect(filter.pattern).not.toContain("${");
  });

  it("has no alarm actions until a topic is wired", () => {
    for (const alarm of resources(auditTrail({ alarmTopicArn: undefined }), "aws_cloudwatch_metric_alarm")) {
      expect(alarm.alarm_actions).toEqual([]);
      expect(alarm.ok_actions).toEqual([]);
    }
  });
});

describe("AuditTrail in the DR region and in the access logs", () => {
  const json = synth((scope) => {
    const provider = new AwsProvider(scope, "aws-dr", { alias: "dr", region: "eu-west-1" });
    new AuditTrail(scope, "audit", {
      naming,
      region: "eu-central-1",
      accountId: "111111111111",
      logsKey: new KmsKey(scope, "logs-key"),
      retentionDays: 400,
      archive: { days: 30, storageClass: "GLACIER_IR" },
      logRetentionDays: 90,
      accessLogs: new AccessLogBucket(scope, "access-logs", { bucketName: "notes-dev-access-logs", accountId: "111111111111", expirationDays: 400 }),
      dr: { region: "eu-west-1", provider },
    });
  });
  const [replication] = resources(json, "aws_s3_bucket_replication_configuration");

  it("replicates the log files to a protected bucket in the DR region", () => {
    const copy = resources(json, "aws_s3_bucket").find((b) => b.provider === "aws.dr");
    expect(copy).toMatchObject({ bucket: "notes-dev-audit-logs-111111111111-eu-west-1", lifecycle: { prevent_destroy: true } });
    expect(replication.bucket).toMatch(/aws_s3_bucket\.audit_bucket_\w+\.id/);
    expect(replication.rule[0].destination.bucket).toMatch(/aws_s3_bucket\.audit_dr-bucket_\w+\.arn/);
  });

  it("encrypts the copy with a key of the DR region", () => {
    expect(replication.rule[0].destination.encryption_configuration.replica_kms_key_id).toMatch(/aws_kms_key\.audit_dr-key_\w+\.arn/);
    expect(resources(json, "aws_kms_key").find((k) => k.provider === "aws.dr")).toMatchObject({ enable_key_rotation: true });
  });

  it("keeps the copy as long as the original, with the same archive", () => {
    const lifecycle = resources(json, "aws_s3_bucket_lifecycle_configuration").find((l) => l.provider === "aws.dr");
    expect(lifecycle.rule.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: 400 }]);
    expect(lifecycle.rule.find((r: any) => r.id === "transition-objects").transition).toEqual([{ days: 30, storage_class: "GLACIER_IR" }]);
  });

  it("logs every request to the audit bucket", () => {
    const [logging] = resources(json, "aws_s3_bucket_logging");
    expect(logging).toMatchObject({ bucket: expect.stringMatching(/audit_bucket_\w+\.id/), target_prefix: "notes-dev-audit-logs-111111111111/" });
  });
});
