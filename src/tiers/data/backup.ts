import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";
import { BackupPlan, BackupPlanRule } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultNotifications } from "@cdktf/provider-aws/lib/backup-vault-notifications";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { BackupConfig } from "../../config/schema";
import { Naming } from "../../naming";
import { EncryptionKey } from "../../shared/encryption-key";

/**
 * Vault events sent to the topic: failures only, and of those the API documents only
 * COPY_JOB_FAILED as delivered (BACKUP_JOB_FAILED and RESTORE_JOB_FAILED are deprecated and never
 * sent; the COMPLETED events report every successful job too, which the alarm topic's readers do
 * not want). Failed backups and restores reach the topic through EventBridge (FailureEvents).
 */
export const BACKUP_VAULT_EVENTS = ["COPY_JOB_FAILED"];

export interface BackupProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** Retention and vault lock; validated by the environment schema. */
  readonly settings: BackupConfig;
  /** Provider of the DR region: the second vault, its key and its lock live there. */
  readonly drProvider: TerraformProvider;
  /** ARNs of the resources to back up (the database); more with `addSelection`. */
  readonly resources: string[];
  /** Topic that receives failed-job notifications; its policy must let backup.amazonaws.com publish. */
  readonly notificationsTopic: SnsTopic;
  /**
   * prevent_destroy on the vaults and their keys. Unprotected vaults are destroyed with their
   * recovery points (force_destroy), so that a non-prod copy can be torn down.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * When the daily backup starts (UTC), after the database's own backup window.
   * @default "cron(0 5 * * ? *)"
   */
  readonly dailySchedule?: string;
  /**
   * When the monthly backup starts (UTC).
   * @default "cron(0 5 1 * ? *)"
   */
  readonly monthlySchedule?: string;
}

/**
 * AWS Backup: a vault with its own key; a plan of daily (and monthly) backups, each copied to a
 * vault in the DR region under a key of that region; a selection of the stateful resources; the
 * service role with only AWS's backup and restore policies; optionally a vault lock on both
 * vaults; failed jobs notified to a topic.
 */
export class Backup extends Construct {
  public readonly vault: BackupVault;
  public readonly vaultKey: EncryptionKey;
  /** The copies' vault, in the DR region: what a regional disaster is recovered from. */
  public readonly drVault: BackupVault;
  public readonly drVaultKey: EncryptionKey;
  public readonly plan: BackupPlan;
  public readonly role: IamRole;
  public readonly notificationsTopic: SnsTopic;
  private readonly naming: Naming;

  constructor(scope: Construct, id: string, props: BackupProps) {
    super(scope, id);
    const { naming, settings, drProvider } = props;
    const protect = props.protect ?? true;
    this.naming = naming;
    this.notificationsTopic = props.notificationsTopic;

    this.vaultKey = new EncryptionKey(this, "vault-key", { naming, purpose: "backup", accountId: props.accountId, protect });
    this.vault = new BackupVault(this, "vault", {
      name: naming.name("backupVault", "backup"),
      kmsKeyArn: this.vaultKey.key.arn,
      forceDestroy: !protect,
      lifecycle: { preventDestroy: protect },
    });
    // Named apart from the primary's key and vault: after a failover the regions swap, and the old
    // DR vault (kept, outside the state) must not collide with the new primary.
    this.drVaultKey = new EncryptionKey(this, "dr-vault-key", { naming, purpose: "backup-dr", accountId: props.accountId, protect, provider: drProvider });
    this.drVault = new BackupVault(this, "dr-vault", {
      provider: drProvider,
      name: naming.name("backupVault", "backup", "dr"),
      kmsKeyArn: this.drVaultKey.key.arn,
      forceDestroy: !protect,
      lifecycle: { preventDestroy: protect },
    });

    const lock = settings.vaultLock;
    if (lock) {
      // With changeable_for_days the lock becomes compliance mode once that many days have passed:
      // irreversible (see backupSchema.vaultLock). Without, governance mode.
      const lockSettings = { minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays, changeableForDays: lock.changeableForDays };
      new BackupVaultLockConfiguration(this, "vault-lock", { ...lockSettings, backupVaultName: this.vault.name });
      new BackupVaultLockConfiguration(this, "dr-vault-lock", { ...lockSettings, backupVaultName: this.drVault.name, provider: drProvider });
    }

    const rule = (ruleName: string, schedule: string, deleteAfter: number): BackupPlanRule => ({
      ruleName,
      targetVaultName: this.vault.name,
      schedule,
      startWindow: 60,
      completionWindow: 360,
      lifecycle: { deleteAfter },
      // Every recovery point is copied to the DR region and kept as long there.
      copyAction: [{ destinationVaultArn: this.drVault.arn, lifecycle: { deleteAfter } }],
      recoveryPointTags: { Rule: ruleName },
    });
    const rules = [rule("daily", props.dailySchedule ?? "cron(0 5 * * ? *)", settings.dailyRetentionDays)];
    if (settings.monthlyRetentionDays !== undefined) {
      rules.push(rule("monthly", props.monthlySchedule ?? "cron(0 5 1 * ? *)", settings.monthlyRetentionDays));
    }
    this.plan = new BackupPlan(this, "plan", { name: naming.name("backupPlan", "backup"), rule: rules });

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["backup.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "role", { name: naming.name("iamRole", "backup"), assumeRolePolicy: trust.json });
    for (const [policyId, policy] of [
      ["backup-policy", "AWSBackupServiceRolePolicyForBackup"],
      ["restore-policy", "AWSBackupServiceRolePolicyForRestores"],
    ]) {
      new IamRolePolicyAttachment(this, policyId, { role: this.role.name, policyArn: `arn:aws:iam::aws:policy/service-role/${policy}` });
    }

    this.addSelection("database", props.resources);

    new BackupVaultNotifications(this, "notifications", {
      backupVaultName: this.vault.name,
      snsTopicArn: this.notificationsTopic.arn,
      backupVaultEvents: BACKUP_VAULT_EVENTS,
    });
  }

  /**
   * Backs up more resources with the same plan, e.g. buckets. S3 needs versioning on the bucket and
   * AWSBackupServiceRolePolicyForS3Backup/ForS3Restore attached to `role`.
   */
  public addSelection(id: string, resources: string[]): BackupSelection {
    return new BackupSelection(this, `selection-${id}`, {
      name: this.naming.name("backupPlan", "backup", id),
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      resources,
    });
  }
}
