import { Plan } from "../../../tools/policy/plan";
import { Rule } from "../../../tools/policy/rule";
import { RULES } from "../../../tools/policy/rules";
import { NP_ACC_1 } from "../../../tools/policy/rules/np-acc-1";
import { NP_BAK_1 } from "../../../tools/policy/rules/np-bak-1";
import { NP_BAK_2 } from "../../../tools/policy/rules/np-bak-2";
import { NP_BAK_3 } from "../../../tools/policy/rules/np-bak-3";
import { NP_CW_1 } from "../../../tools/policy/rules/np-cw-1";
import { NP_CW_2 } from "../../../tools/policy/rules/np-cw-2";
import { NP_CW_3 } from "../../../tools/policy/rules/np-cw-3";
import { NP_DATA_1 } from "../../../tools/policy/rules/np-data-1";
import { NP_DATA_2 } from "../../../tools/policy/rules/np-data-2";
import { NP_IAM_1 } from "../../../tools/policy/rules/np-iam-1";
import { NP_KMS_1 } from "../../../tools/policy/rules/np-kms-1";
import { NP_KMS_2 } from "../../../tools/policy/rules/np-kms-2";
import { NP_LOG_1 } from "../../../tools/policy/rules/np-log-1";
import { NP_LOG_2 } from "../../../tools/policy/rules/np-log-2";
import { NP_S3_1 } from "../../../tools/policy/rules/np-s3-1";
import { NP_S3_2 } from "../../../tools/policy/rules/np-s3-2";
import { NP_S3_3 } from "../../../tools/policy/rules/np-s3-3";
import { NP_SEC_1, findSecrets } from "../../../tools/policy/rules/np-sec-1";
import { NP_SNS_1 } from "../../../tools/policy/rules/np-sns-1";
import { NP_SNS_2 } from "../../../tools/policy/rules/np-sns-2";
import { NP_WAF_1 } from "../../../tools/policy/rules/np-waf-1";
import { key, plan, tlsDeny } from "./fixtures";

const BUCKET = "${aws_s3_bucket.b.arn}";
const bucket = (extra: Record<string, unknown> = {}) => ({
  aws_s3_bucket: { b: { bucket: "x", force_destroy: false, lifecycle: { prevent_destroy: true }, ...extra } },
});
const backupPlan = (monthly: number, copy: number | undefined, copyVault = "dr") => ({
  aws_backup_vault: { v: { kms_key_arn: "${aws_kms_key.k.arn}" }, dr: { provider: "aws.dr", kms_key_arn: "${aws_kms_key.k.arn}" } },
  aws_backup_plan: {
    p: {
      rule: [
        {
          rule_name: "monthly",
          target_vault_name: "${aws_backup_vault.v.name}",
          lifecycle: { delete_after: monthly },
          copy_action: copy === undefined ? [] : [{ destination_vault_arn: `\${aws_backup_vault.${copyVault}.arn}`, lifecycle: { delete_after: copy } }],
        },
      ],
    },
  },
});
const alb = { aws_lb: { web: { internal: false, load_balancer_type: "application" } } };
const acl = (rules: unknown[]) => ({
  aws_wafv2_web_acl: { acl: { rule: rules } },
  aws_wafv2_web_acl_association: { a: { resource_arn: "${aws_lb.web.arn}", web_acl_arn: "${aws_wafv2_web_acl.acl.arn}" } },
  aws_wafv2_web_acl_logging_configuration: {
    l: { resource_arn: "${aws_wafv2_web_acl.acl.arn}", log_destination_configs: ["${aws_cloudwatch_log_group.g.arn}"] },
  },
});
const managed = (name: string) => ({ name, statement: { managed_rule_group_statement: { name, vendor_name: "AWS" } } });
const rate = { name: "rate", statement: { rate_based_statement: { limit: 1000 } } };

/** For each rule: a compliant stack and a non-compliant one, with the detail the finding must name. */
const CASES: [Rule, Plan, Plan, RegExp][] = [
  [
    NP_KMS_1,
    plan({
      resource: {
        ...key,
        aws_sns_topic: { t: { kms_master_key_id: "${aws_kms_key.k.arn}" } },
        aws_db_instance: { d: { storage_encrypted: true, kms_key_id: "${aws_kms_key.k.arn}" } },
      },
    }),
    plan({ resource: { ...key, aws_sns_topic: { t: { kms_master_key_id: "alias/aws/sns" } } } }),
    /kms_master_key_id is not a customer-managed/,
  ],
  [NP_KMS_2, plan({ resource: key }), plan({ resource: { aws_kms_key: { k: { enable_key_rotation: false } } } }), /enable_key_rotation/],
  [
    NP_S3_1,
    plan({
      resource: { ...bucket(), aws_s3_bucket_policy: { p: { bucket: "${aws_s3_bucket.b.id}", policy: "${data.aws_iam_policy_document.d.json}" } } },
      data: { aws_iam_policy_document: { d: tlsDeny("s3:*", [BUCKET]) } },
    }),
    plan({
      resource: {
        ...bucket(),
        aws_s3_bucket_policy: {
          p: {
            bucket: "${aws_s3_bucket.b.id}",
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Principal: "*", Resource: "*" }] }),
          },
        },
      },
    }),
    /no Deny of s3:\*/,
  ],
  [
    NP_S3_2,
    plan({
      resource: {
        ...bucket(),
        aws_s3_bucket_public_access_block: {
          p: { bucket: "${aws_s3_bucket.b.id}", block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    }),
    plan({
      resource: {
        ...bucket(),
        aws_s3_bucket_public_access_block: {
          p: { bucket: "${aws_s3_bucket.b.id}", block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    }),
    /block_public_policy is not true/,
  ],
  [
    NP_S3_3,
    plan({
      resource: {
        ...bucket(),
        aws_s3_bucket_ownership_controls: { o: { bucket: "${aws_s3_bucket.b.id}", rule: { object_ownership: "BucketOwnerEnforced" } } },
      },
    }),
    plan({ resource: bucket() }),
    /no aws_s3_bucket_ownership_controls/,
  ],
  [
    NP_SNS_1,
    plan({
      resource: { aws_sns_topic: { t: {} }, aws_sns_topic_policy: { p: { arn: "${aws_sns_topic.t.arn}", policy: "${data.aws_iam_policy_document.d.json}" } } },
      data: { aws_iam_policy_document: { d: tlsDeny("sns:Publish", ["${aws_sns_topic.t.arn}"]) } },
    }),
    plan({ resource: { aws_sns_topic: { t: {} } } }),
    /no aws_sns_topic_policy/,
  ],
  [
    NP_SNS_2,
    plan({
      resource: {
        aws_sns_topic: { t: {} },
        aws_sns_topic_subscription: { s: { topic_arn: "${aws_sns_topic.t.arn}", protocol: "email", endpoint: "a@example.com" } },
      },
    }),
    plan({
      resource: {
        aws_sns_topic: { t: {}, u: {} },
        aws_sns_topic_subscription: { s: { topic_arn: "${aws_sns_topic.u.arn}", protocol: "email", endpoint: "a@example.com" } },
      },
    }),
    /no aws_sns_topic_subscription or Chatbot channel/,
  ],
  [
    NP_LOG_1,
    plan({ resource: { aws_cloudwatch_log_group: { g: { retention_in_days: 365 } } } }),
    plan({ resource: { aws_cloudwatch_log_group: { g: { retention_in_days: 180 } } } }),
    /retention_in_days is 180/,
  ],
  [
    NP_LOG_2,
    plan({
      resource: { aws_cloudwatch_log_group: { g: { retention_in_days: 365 } }, aws_flow_log: { f: { log_destination: "${aws_cloudwatch_log_group.g.arn}" } } },
    }),
    plan({
      resource: { aws_cloudwatch_log_group: { g: { retention_in_days: 90 } }, aws_flow_log: { f: { log_destination: "${aws_cloudwatch_log_group.g.arn}" } } },
    }),
    /retention_in_days is 90/,
  ],
  [
    NP_DATA_1,
    plan({ resource: { aws_db_instance: { d: { deletion_protection: true, lifecycle: { prevent_destroy: true } } } } }),
    plan({ resource: { aws_db_instance: { d: { deletion_protection: false, lifecycle: { prevent_destroy: true } } } } }),
    /deletion_protection is not true/,
  ],
  [
    NP_DATA_2,
    plan({ resource: { aws_db_instance: { d: { backup_retention_period: 35 } }, aws_backup_selection: { s: { resources: ["${aws_db_instance.d.arn}"] } } } }),
    plan({ resource: { aws_db_instance: { d: { backup_retention_period: 35, skip_final_snapshot: true } } } }),
    /skip_final_snapshot is true; no aws_backup_selection/,
  ],
  [
    NP_IAM_1,
    plan({
      resource: { aws_iam_role_policy: { p: { policy: "${data.aws_iam_policy_document.d.json}" } } },
      data: { aws_iam_policy_document: { d: { statement: [{ actions: ["ecr:GetAuthorizationToken"], resources: ["*"] }] } } },
    }),
    plan({
      resource: { aws_iam_role_policy: { p: { policy: "${data.aws_iam_policy_document.d.json}" } } },
      data: { aws_iam_policy_document: { d: { statement: [{ sid: "All", actions: ["s3:*"], resources: ["*"] }] } } },
    }),
    /statement All allows s3:\* on \*/,
  ],
  [
    NP_SEC_1,
    plan({ resource: { aws_db_instance: { d: { manage_master_user_password: true } } } }),
    plan({ resource: { aws_db_instance: { d: { password: "hunter2hunter2" } } } }),
    /value under "password"/,
  ],
  [
    NP_CW_1,
    plan({ resource: { aws_cloudwatch_metric_alarm: { a: { alarm_actions: ["${aws_sns_topic.t.arn}"], ok_actions: ["${aws_sns_topic.t.arn}"] } } } }),
    plan({ resource: { aws_cloudwatch_composite_alarm: { a: { alarm_actions: ["${aws_sns_topic.t.arn}"] } } } }),
    /no ok_actions/,
  ],
  [
    NP_CW_2,
    plan({ resource: { aws_cloudwatch_metric_alarm: { a: { dimensions: { LoadBalancer: "${aws_lb.web.arn_suffix}", Region: "us-east-1" } } } } }),
    plan({ resource: { aws_cloudwatch_metric_alarm: { a: { metric_query: [{ metric: { dimensions: { ClusterName: "notes-prod" } } }] } } } }),
    /dimension ClusterName is the literal "notes-prod"/,
  ],
  [
    NP_CW_3,
    plan({
      resource: {
        ...alb,
        aws_cloudwatch_dashboard: { d: { dashboard_body: '["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "${aws_lb.web.arn_suffix}"]' } },
      },
    }),
    plan({
      resource: { aws_cloudwatch_dashboard: { d: { dashboard_body: '["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "${aws_lb.gone.arn_suffix}"]' } } },
    }),
    /refers to aws_lb.gone/,
  ],
  [
    NP_WAF_1,
    plan({ resource: { ...alb, ...acl([rate, managed("AWSManagedRulesCommonRuleSet"), managed("AWSManagedRulesKnownBadInputsRuleSet")]) } }),
    plan({ resource: { ...alb, ...acl([managed("AWSManagedRulesCommonRuleSet")]) } }),
    /lacks the managed rule group AWSManagedRulesKnownBadInputsRuleSet; .* has no rate-based rule/,
  ],
  [NP_BAK_1, plan({ resource: backupPlan(1095, 1095) }), plan({ resource: backupPlan(1095, 35) }), /does not keep its DR copies 1095 days/],
  [
    NP_BAK_2,
    plan({ resource: backupPlan(1095, 1095) }),
    plan({ resource: backupPlan(1095, 1095, "v") }),
    /no copy_action to a vault of this stack in another region/,
  ],
  [
    NP_BAK_3,
    plan({ resource: { aws_backup_vault: { v: {} }, aws_backup_vault_lock_configuration: { l: { backup_vault_name: "${aws_backup_vault.v.name}" } } } }),
    plan({ resource: { aws_backup_vault: { v: {} } } }),
    /no aws_backup_vault_lock_configuration/,
  ],
  [NP_ACC_1, plan({}), plan({ providers: [{ region: "eu-central-1" }] }), /allowed_account_ids is null/],
];

describe("every rule of the pack", () => {
  it("has a fixture pair below", () => {
    expect(CASES.map(([rule]) => rule.id).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s has an id, a level, a one-line message, an explanation and a fix", (_id, rule) => {
    expect(rule.id).toMatch(/^NP-[A-Z0-9]+-\d+$/);
    expect(["error", "warning"]).toContain(rule.level);
    expect(rule.message).not.toMatch(/\n/);
    expect(rule.explanation.length).toBeGreaterThan(40);
    expect(rule.fix.length).toBeGreaterThan(10);
  });
});

describe.each(CASES.map(([rule, good, bad, detail]) => [rule.id, rule, good, bad, detail] as const))("%s", (_id, rule, good, bad, detail) => {
  it("passes its compliant fixture", () => {
    const results = rule.check(good);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.compliance === "non-compliant")).toEqual([]);
  });

  it("flags its non-compliant fixture, saying what is wrong", () => {
    const failures = rule.check(bad).filter((r) => r.compliance === "non-compliant");
    expect(failures.map((f) => f.detail).join("\n")).toMatch(detail);
  });
});

describe("rule details", () => {
  it("counts an AWS Chatbot channel as a topic's subscriber", () => {
    const chat = plan({
      resource: { aws_sns_topic: { t: {} }, aws_chatbot_slack_channel_configuration: { c: { sns_topic_arns: ["${aws_sns_topic.t.arn}"] } } },
    });
    expect(NP_SNS_2.check(chat).map((r) => r.compliance)).toEqual(["compliant"]);
  });

  it("asks ALB access log buckets for SSE-S3, the only encryption AWS allows there", () => {
    const logs = {
      aws_lb: { web: { access_logs: { bucket: "${aws_s3_bucket.logs.bucket}" } } },
      aws_s3_bucket: { logs: {} },
      aws_s3_bucket_server_side_encryption_configuration: {
        e: { bucket: "${aws_s3_bucket.logs.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] },
      },
    };
    expect(NP_KMS_1.check(plan({ resource: logs })).map((r) => r.compliance)).toEqual(["compliant"]);
  });

  it("asks S3 server access log buckets for SSE-S3, the only default encryption S3 delivers them to", () => {
    const logs = (sseAlgorithm: string) => ({
      aws_s3_bucket: { logs: {}, data: {} },
      aws_s3_bucket_logging: { l: { bucket: "${aws_s3_bucket.data.id}", target_bucket: "${aws_s3_bucket.logs.id}" } },
      aws_s3_bucket_server_side_encryption_configuration: {
        e: { bucket: "${aws_s3_bucket.logs.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: sseAlgorithm } }] },
      },
    });
    expect(NP_KMS_1.check(plan({ resource: logs("AES256") })).map((r) => r.compliance)).toEqual(["compliant"]);
    expect(NP_KMS_1.check(plan({ resource: logs("aws:kms") })).map((r) => r.detail)).toEqual([
      expect.stringMatching(/server access log bucket must use AES256/),
    ]);
  });

  it("lets a database restored from a snapshot keep the snapshot's key, as RDS requires", () => {
    const restored = plan({
      resource: { aws_db_instance: { d: { storage_encrypted: true, snapshot_identifier: "arn:aws:rds:eu-central-1:111111111111:snapshot:s" } } },
    });
    expect(NP_KMS_1.check(restored).map((r) => r.compliance)).toEqual(["compliant"]);
  });

  it("leaves production promises out of other environments", () => {
    const dev = plan({ environment: "dev", resource: { aws_db_instance: { d: { deletion_protection: false } }, aws_backup_vault: { v: {} } } });
    for (const rule of [NP_DATA_1, NP_DATA_2, NP_BAK_3]) expect(rule.check(dev).every((r) => r.compliance === "not-applicable")).toBe(true);
  });

  it("does not count a permissions boundary as a grant", () => {
    const bounded = plan({
      resource: {
        aws_iam_policy: { boundary: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) } },
        aws_iam_role: { r: { permissions_boundary: "${aws_iam_policy.boundary.arn}" } },
      },
    });
    expect(NP_IAM_1.check(bounded).map((r) => r.compliance)).toEqual(["not-applicable"]);
  });

  it("flags an AWS managed administrator policy", () => {
    const admin = plan({ resource: { aws_iam_role_policy_attachment: { a: { policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" } } } });
    expect(NP_IAM_1.check(admin)[0].detail).toBe("attaches arn:aws:iam::aws:policy/AdministratorAccess");
  });

  it("finds a password, a token and a key in any string", () => {
    expect(findSecrets({ a: { auth_token: "${var.token}" } })).toHaveLength(1);
    expect(findSecrets({ a: { passwords: ["x"] } })).toHaveLength(1);
    expect(findSecrets({ a: { note: "AKIAABCDEFGHIJKLMNOP" } })).toHaveLength(1);
    expect(findSecrets({ a: { note: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } })).toHaveLength(1);
    expect(findSecrets({ url: "postgres://app:s3cret@db:5432/notes" }).map((f) => f.reason)).toEqual(["password in a URL"]);
    expect(findSecrets({ a: { "//": { metadata: { path: "a/password" } }, enabled: true } })).toEqual([]);
  });

  it("checks backup copies only in prod", () => {
    expect(NP_BAK_2.check(plan({ environment: "test", resource: backupPlan(35, undefined) })).map((r) => r.compliance)).toEqual(["not-applicable"]);
  });
});
