import { Construct } from "constructs";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultNotifications } from "@cdktf/provider-aws/lib/backup-vault-notifications";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Backup, BackupProps } from "../../../src/tiers/data/backup";
import { BackupConfig } from "../../../src/config/schema";
import { naming, parsed, resources, synth } from "../../helpers";

const prodLike: BackupConfig = {
  dailyRetentionDays: 35,
  monthlyRetentionDays: 1095,
  vaultLock: { minRetentionDays: 35, maxRetentionDays: 1827, changeableForDays: 14 },
};
const devLike: BackupConfig = { dailyRetentionDays: 7 };

function backup(settings: BackupConfig, overrides: Partial<BackupProps> = {}, extra?: (b: Backup, scope: Construct) => void): string {
  return synth((scope) => {
    const drProvider = new AwsProvider(scope, "aws-dr", { region: "eu-west-1", alias: "dr" });
    const topic = new SnsTopic(scope, "alarms", { name: "alarms" });
    const b = new Backup(scope, "backup", {
      naming,
      accountId: "111111111111",
      settings,
      drProvider,
      resources: ["arn:aws:rds:eu-central-1:111111111111:db:notes-dev-database"],
      notificationsTopic: topic,
      ...overrides,
    });
    extra?.(b, scope);
  });
}

const plan = (json: string) => resources(json, "aws_backup_plan")[0];
const vaults = (json: string) => resources(json, "aws_backup_vault");
const documents = (json: string) => parsed(json).data.aws_iam_policy_document;

describe("Backup", () => {
  const json = backup(prodLike);

  it("keeps backups in a vault encrypted with its own key", () => {
    expect(json).toHaveResourceWithProperties(BackupVault, {
      name: "notes-dev-backup",
      kms_key_arn: "${aws_kms_key.backup_vault-key_40A72ACE.arn}",
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("has a second vault in the DR region, under a key created in that region", () => {
    expect(json).toHaveResourceWithProperties(BackupVault, {
      name: "notes-dev-backup-dr",
      provider: "aws.dr",
      kms_key_arn: "${aws_kms_key.backup_dr-vault-key_427A62BE.arn}",
    });
    expect(json).toHaveResourceWithProperties(KmsAlias, { name: "alias/notes-dev/backup-dr", provider: "aws.dr" });
    expect(resources(json, "aws_kms_key").find((k) => k.description === "notes-dev backup-dr")?.provider).toBe("aws.dr");
  });

  it("backs up daily, kept as configured, every recovery point copied to the DR vault", () => {
    expect(plan(json).rule[0]).toMatchObject({
      rule_name: "daily",
      schedule: "cron(0 5 * * ? *)",
      target_vault_name: "${aws_backup_vault.backup_vault_A3268EAD.name}",
      lifecycle: { delete_after: 35 },
      copy_action: [{ destination_vault_arn: "${aws_backup_vault.backup_dr-vault_C0C770EB.arn}", lifecycle: { delete_after: 35 } }],
    });
  });

  it("backs up monthly, kept three years, also in the DR vault", () => {
    expect(plan(json).rule[1]).toMatchObject({
      rule_name: "monthly",
      schedule: "cron(0 5 1 * ? *)",
      lifecycle: { delete_after: 1095 },
      copy_action: [{ destination_vault_arn: "${aws_backup_vault.backup_dr-vault_C0C770EB.arn}", lifecycle: { delete_after: 1095 } }],
    });
  });

  it("has no monthly rule when none is configured", () => {
    expect(plan(backup(devLike)).rule.map((r: any) => r.rule_name)).toEqual(["daily"]);
  });

  it("selects the database", () => {
    expect(json).toHaveResourceWithProperties(BackupSelection, {
      name: "notes-dev-backup-database",
      plan_id: "${aws_backup_plan.backup_plan_FCCCE43A.id}",
      iam_role_arn: "${aws_iam_role.backup_role_1FD82D33.arn}",
      resources: ["arn:aws:rds:eu-central-1:111111111111:db:notes-dev-database"],
    });
  });

  it("selects more resources later, with the same plan and role", () => {
    const more = backup(prodLike, {}, (b) => b.addSelection("uploads", ["arn:aws:s3:::notes-dev-uploads"]));
    expect(more).toHaveResourceWithProperties(BackupSelection, { name: "notes-dev-backup-uploads", resources: ["arn:aws:s3:::notes-dev-uploads"] });
  });

  it("runs as a role only AWS Backup assumes, with only AWS's backup and restore policies", () => {
    const trust = Object.entries(documents(json)).find(([id]) => id.startsWith("backup_trust"))![1] as any;
    expect(trust.statement).toEqual([{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["backup.amazonaws.com"] }] }]);
    expect(
      resources(json, "aws_iam_role_policy_attachment")
        .map((a) => a.policy_arn)
        .sort(),
    ).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
    expect(resources(json, "aws_iam_role_policy")).toHaveLength(0);
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: "${aws_iam_role.backup_role_1FD82D33.name}" });
  });

  it("locks both vaults with the configured bounds, in compliance mode when changeable days are set", () => {
    const locks = resources(json, "aws_backup_vault_lock_configuration");
    expect(locks).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(BackupVaultLockConfiguration, {
      backup_vault_name: "${aws_backup_vault.backup_vault_A3268EAD.name}",
      min_retention_days: 35,
      max_retention_days: 1827,
      changeable_for_days: 14,
    });
    expect(json).toHaveResourceWithProperties(BackupVaultLockConfiguration, {
      backup_vault_name: "${aws_backup_vault.backup_dr-vault_C0C770EB.name}",
      provider: "aws.dr",
    });
  });

  it("locks in governance mode without changeable days", () => {
    const governance = resources(
      backup({ dailyRetentionDays: 14, vaultLock: { minRetentionDays: 7, maxRetentionDays: 365 } }),
      "aws_backup_vault_lock_configuration",
    );
    expect(governance.every((l) => !("changeable_for_days" in l))).toBe(true);
  });

  it("has no lock when none is configured", () => {
    expect(resources(backup(devLike), "aws_backup_vault_lock_configuration")).toHaveLength(0);
  });

  it("lets unprotected vaults go with their recovery points, for disposable copies", () => {
    expect(vaults(backup(devLike, { protect: false })).every((v) => v.force_destroy === true && v.lifecycle.prevent_destroy === false)).toBe(true);
  });

  it("notifies failed copy jobs to the topic, the one failure event the API sends", () => {
    expect(json).toHaveResourceWithProperties(BackupVaultNotifications, {
      backup_vault_name: "${aws_backup_vault.backup_vault_A3268EAD.name}",
      sns_topic_arn: "${aws_sns_topic.alarms.arn}",
      backup_vault_events: ["COPY_JOB_FAILED"],
    });
  });
});
